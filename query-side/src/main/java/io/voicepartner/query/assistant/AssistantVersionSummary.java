package io.voicepartner.query.assistant;

import java.time.Instant;

/** A published version as the list shows it; its configuration is read one version at a time. */
public record AssistantVersionSummary(
        String assistantId,
        int number,
        Instant publishedAt,
        String publishedBy,
        String configHash,
        String note,
        long revision) {}
