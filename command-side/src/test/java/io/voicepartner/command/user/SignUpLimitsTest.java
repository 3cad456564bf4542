package io.voicepartner.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.command.web.RateLimited;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignUpLimitsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
    private final SignUpLimits limits = new SignUpLimits(new SignUpLimits.Settings(3, 5, 1000), clock);

    @Test
    void refusesAClientPastItsLimitButNotTheOthers() {
        for (int signUp = 0; signUp < 3; signUp++) {
            limits.admit("203.0.113.5");
        }

        assertThatThrownBy(() -> limits.admit("203.0.113.5")).isInstanceOfSatisfying(RateLimited.class, e -> {
            assertThat(e.getMessage()).startsWith("Too many sign-ups from this client");
            assertThat(e.retryAfterSeconds()).isEqualTo(60);
        });
        assertThatCode(() -> limits.admit("198.51.100.7")).doesNotThrowAnyException();
    }

    @Test
    void refusesEveryClientOnceAllTogetherReachTheGlobalLimit() {
        for (int client = 0; client < 5; client++) {
            limits.admit("203.0.113." + client);
        }

        assertThatThrownBy(() -> limits.admit("198.51.100.7"))
                .isInstanceOfSatisfying(
                        RateLimited.class, e -> assertThat(e.getMessage()).startsWith("Too many sign-ups;"));
    }

    @Test
    void aFloodOfClientsKeepsItsMemoryBounded() {
        SignUpLimits roomy = new SignUpLimits(new SignUpLimits.Settings(3, 1_000_000, 100), clock);
        for (int client = 0; client < 10_000; client++) {
            roomy.admit("10.0." + client / 256 + "." + client % 256);
        }

        assertThat(roomy.trackedClients()).isLessThanOrEqualTo(101);
    }
}
