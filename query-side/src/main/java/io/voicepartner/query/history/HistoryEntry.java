package io.voicepartner.query.history;

import io.voicepartner.query.actor.ActorView;
import java.time.Instant;
import java.util.Map;

/**
 * One event in a resource's history, as the API serves it.
 *
 * @param actor   who caused it, as the audit log shows it: the user or API key whose request it was, or the platform
 *                (its own clean-ups)
 * @param changes field → {@code {from, to}}: what the event changed, credentials only masked
 */
record HistoryEntry(String type, long revision, Instant occurredAt, ActorView actor, Map<String, Change> changes) {

    HistoryEntry withActor(ActorView completed) {
        return new HistoryEntry(type, revision, occurredAt, completed, changes);
    }

    /** A field's value before and after the event; {@code null} where it was or became unset. */
    record Change(Object from, Object to) {}
}
