package io.voicepartner.query.history;

import java.time.Instant;
import java.util.Map;

/**
 * One event in a resource's history, as the API serves it.
 *
 * @param actor   the user whose request caused it ({@code "system"} for the platform's own clean-ups)
 * @param changes field → {@code {from, to}}: what the event changed, credentials only masked
 */
record HistoryEntry(String type, long revision, Instant occurredAt, String actor, Map<String, Change> changes) {

    /** A field's value before and after the event; {@code null} where it was or became unset. */
    record Change(Object from, Object to) {
    }
}
