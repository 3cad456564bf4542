package io.voicepartner.support.security;

import java.time.Instant;

/**
 * That an API key was used, as the side that saw it passes it on to the one that shows it ({@code last_used_at}):
 * a record of {@link #TOPIC}, keyed by the key's id, at most one per key and side every flush interval. Not an
 * event: uses are telemetry, kept nowhere but in the key's {@code last_used_at} (ADR 0028).
 *
 * @param lastUsedAt the latest use the side saw since its last record for the key
 */
public record ApiKeyUse(String keyId, String organizationId, Instant lastUsedAt) {

    /** The platform's own topic between its sides, not part of the event contract. */
    public static final String TOPIC = "voicepartner.api-key-uses";
}
