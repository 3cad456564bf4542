package io.voicepartner.api.file;

/** Sent by the platform's text extraction once the text is stored beside the bytes. */
public record CompleteFileProcessing(
        String fileId, String textLocation, long textLength, String textSha256, String preview)
        implements FileCommand {}
