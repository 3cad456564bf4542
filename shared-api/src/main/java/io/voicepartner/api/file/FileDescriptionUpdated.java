package io.voicepartner.api.file;

/** @param description the description after the change, {@code null} when cleared */
public record FileDescriptionUpdated(String fileId, String ownerId, String description) implements FileEvent {}
