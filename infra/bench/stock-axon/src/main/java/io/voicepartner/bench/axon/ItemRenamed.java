package io.voicepartner.bench.axon;

public record ItemRenamed(String id, String name) {}
