package io.voicepartner.support.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where knowledge files' bytes and extracted text are kept, by location ({@code file:///…} for the local
 * store, {@code s3://bucket/key} for an S3-compatible one). It lives in service-support, not on the command side, because both sides need the same store:
 * the command side writes and removes (upload, extraction, deletion), the query side serves what was
 * written ({@code /api/files/{id}/content} and {@code /text}) by the locations its events carry, without
 * importing command-side code or reading the command side's tables.
 */
public interface FileStorage {

    /**
     * Stores {@code content} under {@code key}, replacing whatever the key held, so that storing again (a
     * retried extraction) leaves one copy. A reader never sees a half-written file.
     *
     * @param key letters, digits, {@code .}, {@code _} and {@code -}
     * @return the location to open or delete it by
     */
    String store(String key, InputStream content) throws IOException;

    /** @throws java.nio.file.NoSuchFileException when nothing is stored there (any more) */
    InputStream open(String location) throws IOException;

    /** Removes what is stored at {@code location}; nothing there is nothing to do. */
    void delete(String location) throws IOException;
}
