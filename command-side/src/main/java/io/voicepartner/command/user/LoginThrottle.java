package io.voicepartner.command.user;

import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits login attempts per e-mail and per client in one-minute windows, checked before any password
 * is hashed: a bcrypt verify costs tens of milliseconds of CPU, so unthrottled logins are a cheap way to
 * exhaust the server, and the limit per e-mail slows down password guessing.
 */
@Component
class LoginThrottle {

    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_TRACKED_KEYS = 100_000;

    private record Window(long start, AtomicInteger attempts) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int perEmail;
    private final int perClient;

    LoginThrottle(@Value("${voicepartner.login.attempts-per-minute-per-email}") int perEmail,
                  @Value("${voicepartner.login.attempts-per-minute-per-client}") int perClient) {
        this.perEmail = perEmail;
        this.perClient = perClient;
    }

    void admit(String email, String client) {
        long now = System.currentTimeMillis();
        if (windows.size() > MAX_TRACKED_KEYS) {
            windows.values().removeIf(window -> now - window.start() >= WINDOW_MILLIS);
        }
        count("client:" + client, perClient, now);
        count("email:" + email, perEmail, now);
    }

    private void count(String key, int limit, long now) {
        Window window = windows.compute(key, (k, current) ->
                current == null || now - current.start() >= WINDOW_MILLIS ? new Window(now, new AtomicInteger()) : current);
        if (window.attempts().incrementAndGet() > limit) {
            long retryAfterSeconds = Math.max(1, (window.start() + WINDOW_MILLIS - now + 999) / 1000);
            throw new TooManyAttempts(retryAfterSeconds);
        }
    }

    static final class TooManyAttempts extends ApiException {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super(ErrorCode.RATE_LIMITED, "Too many login attempts; retry in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
