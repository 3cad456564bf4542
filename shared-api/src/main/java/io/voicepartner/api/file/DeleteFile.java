package io.voicepartner.api.file;

public record DeleteFile(String fileId, String ownerId, Long expectedRevision) implements FileCommand {}
