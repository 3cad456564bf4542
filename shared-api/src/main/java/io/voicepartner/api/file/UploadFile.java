package io.voicepartner.api.file;

/**
 * Records a file whose bytes are already stored. Everything here was decided at the web edge: the type
 * from the content, the size and hash from the bytes as they were stored.
 */
public record UploadFile(
        String fileId,
        String ownerId,
        String filename,
        String originalName,
        FileType fileType,
        long fileSize,
        String storageLocation,
        String description,
        String sha256)
        implements FileCommand {}
