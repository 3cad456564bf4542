package io.voicepartner.command.file;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.UploadFile;
import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.StorableValues;
import io.voicepartner.support.storage.FileStorage;
import io.voicepartner.support.web.ApiException;
import io.voicepartner.support.web.DryRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes an upload: checks the form, detects the type from the bytes (never from the name or the client's
 * content type), stores the bytes and records the file. The bytes go from the container's spooled part to
 * a file of our own, to storage, as streams: an upload is never held in memory.
 */
@Component
class FileUploads {

    static final int MAX_DESCRIPTION_LENGTH = 2000;
    private static final int MAX_NAME_LENGTH = EventLimits.ORIGINAL_FILE_NAME;
    private static final Map<String, FileType> BY_MEDIA_TYPE = Map.of(
            "application/pdf",
            FileType.PDF,
            FileType.DOCX.mediaType(),
            FileType.DOCX,
            "text/html",
            FileType.HTML,
            "application/xhtml+xml",
            FileType.HTML);
    /** Plain text is told apart only by its name: the content of a CSV, a Markdown or a JSON file is text. */
    private static final Map<String, FileType> TEXT_BY_EXTENSION =
            Map.of("md", FileType.MD, "markdown", FileType.MD, "csv", FileType.CSV, "json", FileType.JSON);

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();
    private final FileStorage storage;
    private final Commands commands;
    private final MeterRegistry meters;

    FileUploads(FileStorage storage, Commands commands, MeterRegistry meters) {
        this.storage = storage;
        this.commands = commands;
        this.meters = meters;
    }

    void upload(String fileId, String ownerId, String actor, MultipartFile file, String description) {
        List<FieldError> errors = new ArrayList<>();
        if (file == null) {
            errors.add(new FieldError("file", "is required"));
        } else if (file.isEmpty()) {
            errors.add(new FieldError("file", "must not be empty"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(new FieldError("description", "size must be between 0 and " + MAX_DESCRIPTION_LENGTH));
        }
        StorableValues.problemOf("description", description).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String originalName = originalName(file.getOriginalFilename());
        try {
            Path spooled = Files.createTempFile("voicepartner-upload-", ".bin");
            try {
                file.transferTo(spooled);
                FileType type = typeOf(detect(spooled), originalName);
                MessageDigest sha256 = sha256();
                String location;
                long size;
                try (DigestInputStream bytes = new DigestInputStream(Files.newInputStream(spooled), sha256)) {
                    location = storage.store(fileId, bytes);
                    size = Files.size(spooled);
                }
                record(
                        new UploadFile(
                                fileId,
                                ownerId,
                                fileId + "." + type.wireName(),
                                originalName,
                                type,
                                size,
                                location,
                                description,
                                HexFormat.of().formatHex(sha256.digest())),
                        location,
                        actor);
                // upload volume: the count and the bytes of the files accepted, by type
                DistributionSummary.builder("voicepartner.uploads")
                        .baseUnit("bytes")
                        .tag("file_type", type.wireName())
                        .register(meters)
                        .record((double) size);
            } finally {
                Files.deleteIfExists(spooled);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bytes stored for a file that was never recorded would never be removed; nor are a dry run's recorded (the bytes
     * were stored so that the upload is decided as it would be, storage limits included).
     */
    private void record(UploadFile command, String location, String actor) throws IOException {
        try {
            commands.send(command, actor);
        } catch (RuntimeException e) {
            storage.delete(location);
            throw e;
        }
        if (DryRun.requested()) {
            storage.delete(location);
        }
    }

    private MediaType detect(Path spooled) throws IOException {
        // a file-backed stream lets Tika open a ZIP container (DOCX) from disk instead of buffering it
        try (TikaInputStream input = TikaInputStream.get(spooled)) {
            return detector.detect(input, new Metadata());
        }
    }

    static FileType typeOf(MediaType detected, String originalName) {
        String mediaType = detected.getBaseType().toString();
        if (mediaType.equals("text/plain")) {
            return Optional.ofNullable(TEXT_BY_EXTENSION.get(extension(originalName)))
                    .orElse(FileType.TXT);
        }
        FileType type = BY_MEDIA_TYPE.get(mediaType);
        if (type == null) {
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The file's content is " + mediaType
                            + ", which is not taken; upload PDF, DOCX, TXT, MD, CSV, HTML or JSON.");
        }
        return type;
    }

    /** The name without any directory part a browser may send, or control characters; never empty. */
    static String originalName(String given) {
        String name =
                given == null ? "" : given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(name.length() - MAX_NAME_LENGTH);
            // never begin with the second half of a character cut in two: no UTF-8 encodes it (ADR 0019)
            name = Character.isLowSurrogate(name.charAt(0)) ? name.substring(1) : name;
        }
        return name.isEmpty() ? "upload" : name;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
