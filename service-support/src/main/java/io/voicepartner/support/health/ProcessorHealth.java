package io.voicepartner.support.health;

/**
 * A processor of events (the publisher, the read-model consumer, analytics) telling {@code /health} how it is
 * doing: whether it has parked records and whether it has stopped advancing while it has work. Each answers
 * from what it measured at most about a second ago, so that probes cost nothing.
 */
public interface ProcessorHealth {

    ProcessorStatus status();
}
