package io.voicepartner.query.file;

import io.voicepartner.api.file.FileType;
import java.time.Instant;
import java.util.List;

/**
 * A knowledge file as the API serves it: what was uploaded and how far its text extraction is. Where its bytes
 * are stored is the platform's business, not its clients' (issue 17): the location stays in {@link FileRows}. The text itself is served by {@code /text}, the bytes by {@code /content};
 * {@code usedBy} names the caller's assistants that use the file.
 *
 * @param extractedTextLength  characters of text, once processed
 * @param extractedTextPreview the text's beginning, once processed
 */
record FileView(
        String id,
        String organizationId,
        String createdBy,
        String filename,
        String originalName,
        FileType fileType,
        String contentType,
        long fileSize,
        String sha256,
        String description,
        FileStatus status,
        String errorMessage,
        Long extractedTextLength,
        String extractedTextPreview,
        List<User> usedBy,
        long revision,
        Instant createdAt,
        Instant updatedAt) {

    /** The same file used by these assistants: its row and its users are read apart. */
    FileView withUsedBy(List<User> users) {
        return new FileView(
                id,
                organizationId,
                createdBy,
                filename,
                originalName,
                fileType,
                contentType,
                fileSize,
                sha256,
                description,
                status,
                errorMessage,
                extractedTextLength,
                extractedTextPreview,
                users,
                revision,
                createdAt,
                updatedAt);
    }

    /** An assistant that uses the file. */
    record User(String id, String name) {}
}
