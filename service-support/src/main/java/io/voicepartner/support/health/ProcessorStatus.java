package io.voicepartner.support.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One processor in {@code /health}: {@code degraded} while it has parked records (since the oldest was parked)
 * or has not advanced for a while although records wait for it (since it last advanced).
 *
 * @param pending      records or events that wait for it, {@code null} if not known just now
 * @param parked       records it set aside because they can never be processed as they are
 * @param parkedSince  when the oldest of them was parked
 * @param stalledSince since when it has not advanced although {@code pending} is above zero
 */
public record ProcessorStatus(
        String name, String status, Long pending, long parked, Instant parkedSince, Instant stalledSince) {

    public static ProcessorStatus of(
            String name, Long pending, long parked, Instant parkedSince, Instant stalledSince) {
        boolean degraded = parked > 0 || stalledSince != null;
        return new ProcessorStatus(name, degraded ? "degraded" : "ok", pending, parked, parkedSince, stalledSince);
    }

    @JsonIgnore
    public boolean degraded() {
        return "degraded".equals(status);
    }
}
