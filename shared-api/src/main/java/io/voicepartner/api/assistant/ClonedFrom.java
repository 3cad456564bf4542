package io.voicepartner.api.assistant;

/**
 * Where a cloned assistant came from: the assistant, the version if one was cloned (otherwise its draft), and the
 * revision the source was at when it was read, so that the copy names exactly what it copied.
 *
 * @param version the published version cloned, or {@code null} for the draft
 */
public record ClonedFrom(String assistantId, Integer version, long revision) {}
