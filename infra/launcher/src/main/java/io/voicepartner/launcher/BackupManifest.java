package io.voicepartner.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds and how to tell that it is whole ({@code manifest.json}, written last: a directory without
 * it is a backup that did not finish). Every part is named with its size and SHA-256, and each table with its
 * columns and rows, so that a restore checks the whole backup before it changes anything.
 *
 * @param format          this layout's version
 * @param createdAt       when the database snapshot was taken: the backup holds every write acknowledged before
 * @param platformVersion the version of the platform that wrote it
 * @param schemas         the Flyway version of each schema of the database at the snapshot (command is restored;
 *                        query and analytics are derived, for information)
 * @param events          events in the store at the snapshot
 * @param highestGlobalPosition the highest global index among them, -1 with none
 * @param keyIds          the ids ({@code KeyIds}) of the keys the backup needs and does not hold: {@code secrets},
 *                        those the tools' credentials are encrypted under; {@code api_key_hash}, those the API
 *                        keys are hashed under
 * @param fileStore       the location prefix of the file store the files were copied from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BackupManifest(
        int format,
        Instant createdAt,
        String platformVersion,
        Map<String, String> schemas,
        long events,
        long highestGlobalPosition,
        Map<String, List<String>> keyIds,
        String fileStore,
        List<Table> tables,
        List<StoredFile> files) {

    static final int FORMAT = 1;
    static final String FILE_NAME = "manifest.json";
    static final String SECRETS = "secrets";
    static final String API_KEY_HASH = "api_key_hash";

    /** A table of the command schema, as the text format of {@code COPY}, gzipped. */
    record Table(String name, List<String> columns, long rows, Part part) {}

    /** A stored file (an upload's bytes, or the text extracted from it) that the snapshot's events name. */
    record StoredFile(String location, Part part) {}

    /** One file of the backup, by its path inside the backup directory. */
    record Part(String path, long bytes, String sha256) {

        /** What is wrong with this part in {@code backup}, or null if it is there and whole. */
        String problemIn(Path backup) throws IOException {
            Path file = backup.resolve(path).normalize();
            if (!file.startsWith(backup.normalize())) {
                return path + ": outside the backup";
            }
            if (!Files.isRegularFile(file)) {
                return path + ": missing";
            }
            long size = Files.size(file);
            if (size != bytes) {
                return path + ": " + size + " bytes, the manifest says " + bytes;
            }
            if (!sha256.equals(sha256Of(file))) {
                return path + ": its SHA-256 differs from the manifest's (damaged)";
            }
            return null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    void write(Path backup) throws IOException {
        Path partial = backup.resolve(FILE_NAME + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            JSON.writeValue(out, this);
        }
        Files.move(partial, backup.resolve(FILE_NAME), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static BackupManifest read(Path backup) throws IOException {
        try (InputStream in = Files.newInputStream(backup.resolve(FILE_NAME))) {
            return JSON.readValue(in, BackupManifest.class);
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
