package io.voicepartner.api.file;

/** No text could be extracted from the file; {@code errorMessage} says why, for its owner to read. */
public record FileProcessingFailed(String fileId, String ownerId, String errorMessage) implements FileEvent {}
