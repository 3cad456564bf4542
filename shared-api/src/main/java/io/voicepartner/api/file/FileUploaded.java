package io.voicepartner.api.file;

/**
 * A file's bytes were stored; its text is extracted next, in the background.
 *
 * @param filename        the name the platform gives the file ({@code <file_id>.<extension>})
 * @param originalName    the name the client uploaded it under, without any path
 * @param fileType        detected from the content, not taken from the name or the client's content type
 * @param fileSize        in bytes
 * @param storageLocation where the bytes are ({@code file:///…} for the local store)
 * @param sha256          of the bytes, lower-case hex
 */
public record FileUploaded(
        String fileId,
        String ownerId,
        String filename,
        String originalName,
        FileType fileType,
        long fileSize,
        String storageLocation,
        String description,
        String sha256)
        implements FileEvent {}
