package io.voicepartner.api.file;

/** A file was deleted; its stored bytes and text are removed after this, and it leaves every assistant. */
public record FileDeleted(String fileId, String ownerId) implements FileEvent {
}
