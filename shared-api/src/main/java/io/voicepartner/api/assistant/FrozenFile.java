package io.voicepartner.api.assistant;

import io.voicepartner.api.file.FileType;
import java.util.Map;

/**
 * A knowledge file as a version froze it: what identifies its content ({@code sha256} of the bytes, which
 * never change after the upload), its description at publish time and the assistant's configuration of it.
 */
public record FrozenFile(
        String fileId,
        String filename,
        String originalName,
        FileType fileType,
        long fileSize,
        String sha256,
        String description,
        Map<String, Object> assignment) {}
