package io.voicepartner.api.file;

/** Sent by the platform's text extraction when the file's text cannot be had. */
public record FailFileProcessing(String fileId, String errorMessage) implements FileCommand {}
