package io.voicepartner.api.file;

/** Asks for a deleted file back; always refused, because deleting a file removed its bytes and text. */
public record RestoreFile(String fileId, String ownerId) implements FileCommand {}
