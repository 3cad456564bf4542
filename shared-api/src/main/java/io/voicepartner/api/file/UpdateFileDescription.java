package io.voicepartner.api.file;

/**
 * @param description      the new description, {@code null} to clear it
 * @param expectedRevision the revision the caller saw ({@code If-Match}), or {@code null} for "the latest"
 */
public record UpdateFileDescription(String fileId, String ownerId, Long expectedRevision, String description)
        implements FileCommand {}
