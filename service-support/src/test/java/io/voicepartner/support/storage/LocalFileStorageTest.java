package io.voicepartner.support.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file store: whole files under their key, replaced in place, and nothing outside its directory. */
class LocalFileStorageTest {

    @TempDir
    Path directory;

    @Test
    void storesOpensAndDeletesByLocation() throws IOException {
        LocalFileStorage storage =
                new LocalFileStorage(directory.resolve("files").toString());

        String location = storage.store("0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0f.txt", stream("Grüße"));

        assertThat(location).startsWith("file:/").endsWith("/files/0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0f.txt");
        try (InputStream stored = storage.open(location)) {
            assertThat(new String(stored.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("Grüße");
        }
        storage.delete(location);
        storage.delete(location);
        try (var left = Files.list(directory.resolve("files"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void storingAKeyAgainReplacesWhatItHeld() throws IOException {
        LocalFileStorage storage = new LocalFileStorage(directory.toString());

        String first = storage.store("text", stream("first"));
        String second = storage.store("text", stream("second"));

        assertThat(second).isEqualTo(first);
        try (InputStream stored = storage.open(second)) {
            assertThat(new String(stored.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("second");
        }
        try (var files = Files.list(directory)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void touchesNothingOutsideItsDirectory() throws IOException {
        LocalFileStorage storage =
                new LocalFileStorage(directory.resolve("files").toString());
        Path outside = Files.writeString(directory.resolve("secret"), "keep");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> storage.open(outside.toUri().toString()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> storage.delete(directory.resolve("files").toUri() + "../secret"));
        assertThatIllegalArgumentException().isThrownBy(() -> storage.open("https://example.com/secret"));
        assertThatIllegalArgumentException().isThrownBy(() -> storage.store("../secret", stream("x")));
        assertThat(outside).hasContent("keep");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
