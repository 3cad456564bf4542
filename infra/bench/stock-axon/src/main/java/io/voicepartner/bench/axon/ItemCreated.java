package io.voicepartner.bench.axon;

public record ItemCreated(String id, String name) {}
