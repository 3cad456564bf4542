package io.voicepartner.api.file;

import io.voicepartner.api.messaging.SchemaVersion;

/**
 * A file was deleted; it leaves every assistant.
 *
 * @param bytesRemoved its stored bytes and extracted text are erased after this event, which is why a deleted
 *                     file cannot be restored. Added in schema version 2; every version 1 deletion erased them
 *                     too, and is read so ({@code FileDeletedUpcaster}, ADR 0011).
 */
@SchemaVersion(2)
public record FileDeleted(String fileId, String ownerId, boolean bytesRemoved) implements FileEvent {}
