package io.voicepartner.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.command.web.RateLimited;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String VICTIM = "victim@example.com";

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginLimits(60, 10, 30, 1000), clock);

    @Test
    void refusesTheEleventhFailureForAnEmailFromOneClientUntilTheMinuteIsOver() {
        failTimes(10, VICTIM, "203.0.113.5");

        assertThatThrownBy(() -> throttle.admit(VICTIM, "203.0.113.5"))
                .isInstanceOfSatisfying(
                        RateLimited.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> throttle.admit(VICTIM, "203.0.113.5")).doesNotThrowAnyException();
    }

    @Test
    void anotherClientOfTheSameEmailIsNotTouched() {
        failTimes(10, VICTIM, "203.0.113.5");

        assertThatCode(() -> throttle.admit(VICTIM, "198.51.100.7")).doesNotThrowAnyException();
    }

    @Test
    void successfulLoginsAreNoFailures() {
        for (int login = 0; login < 25; login++) {
            throttle.admit(VICTIM, "198.51.100.7");
            throttle.succeeded(VICTIM, "198.51.100.7");
        }

        assertThatCode(() -> throttle.admit(VICTIM, "198.51.100.7")).doesNotThrowAnyException();
    }

    @Test
    void failuresFromManyClientsTogetherMeetTheSlowerBackOffPerEmail() {
        for (int client = 0; client < 3; client++) {
            failTimes(10, VICTIM, "203.0.113." + client);
        }

        assertThatThrownBy(() -> throttle.admit(VICTIM, "198.51.100.7"))
                .isInstanceOfSatisfying(
                        RateLimited.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(3600));
        clock.advance(Duration.ofHours(1));
        assertThatCode(() -> throttle.admit(VICTIM, "198.51.100.7")).doesNotThrowAnyException();
    }

    /** command-side.properties' limits: 10 failures a minute per client, 3000 an hour per e-mail. */
    @Test
    void oneClientAloneCannotReachTheDefaultLimitPerEmailInAnHour() {
        LoginThrottle defaults = new LoginThrottle(new LoginLimits(60, 10, 3000, 100_000), clock);
        for (int minute = 0; minute < 60; minute++) {
            for (int attempt = 0; attempt < 11; attempt++) {
                try {
                    defaults.admit(VICTIM, "203.0.113.5");
                } catch (RateLimited e) {
                    // the attacker's own client is slowed down, minute after minute
                }
            }
            clock.advance(Duration.ofMinutes(1));
        }

        assertThatCode(() -> defaults.admit(VICTIM, "198.51.100.7")).doesNotThrowAnyException();
    }

    @Test
    void aClientIsLimitedInAttemptsWhateverTheEmails() {
        for (int attempt = 0; attempt < 60; attempt++) {
            throttle.admit("user-" + attempt + "@example.com", "203.0.113.5");
        }

        assertThatThrownBy(() -> throttle.admit("another@example.com", "203.0.113.5"))
                .isInstanceOf(RateLimited.class);
    }

    @Test
    void aFloodOfDistinctEmailsAndClientsKeepsItsMemoryBounded() {
        for (int attempt = 0; attempt < 20_000; attempt++) {
            throttle.admit("user-" + attempt + "@example.com", "10.0." + (attempt / 256 % 256) + "." + attempt % 256);
        }

        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(1000);
    }

    private void failTimes(int times, String email, String client) {
        for (int attempt = 0; attempt < times; attempt++) {
            throttle.admit(email, client);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
