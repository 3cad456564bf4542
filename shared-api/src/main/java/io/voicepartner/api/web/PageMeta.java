package io.voicepartner.api.web;

/** @param nextCursor opaque; {@code null} on the last page */
public record PageMeta(int limit, String nextCursor, long total) {}
