package io.voicepartner.support.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files in one local directory ({@code FILE_STORAGE_DIR}, created on start). In a split deployment both
 * sides mount the same directory. A file is written beside its final name and moved into place, so a
 * reader sees either the old or the whole new content.
 */
class LocalFileStorage implements FileStorage {

    private static final String PARTIAL = ".partial";

    private final Path directory;

    LocalFileStorage(String directory) throws IOException {
        this.directory = Files.createDirectories(Path.of(directory)).toRealPath();
    }

    @Override
    public String store(String key, InputStream content) throws IOException {
        if (!StorageKeys.valid(key) || key.endsWith(PARTIAL)) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        Path target = directory.resolve(key);
        Path partial = Files.createTempFile(directory, "upload-", PARTIAL);
        try {
            Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target.toUri().toString();
    }

    @Override
    public InputStream open(String location) throws IOException {
        return Files.newInputStream(pathOf(location));
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(pathOf(location));
    }

    /** Locations come from events, which are data: only a file directly inside the directory is ever touched. */
    private Path pathOf(String location) {
        URI uri = URI.create(location);
        if (!"file".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Not a location of the local store: " + location);
        }
        Path path = Path.of(uri).normalize();
        if (!directory.equals(path.getParent())) {
            throw new IllegalArgumentException("Not a location of the local store: " + location);
        }
        return path;
    }
}
