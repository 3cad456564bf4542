package io.voicepartner.command.web;

import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import java.time.Duration;

/** Over a limit of requests: a {@code 429 rate_limited} whose {@code Retry-After} says when the window ends. */
public class RateLimited extends ApiException {

    private final long retryAfterSeconds;

    public RateLimited(String what, Duration remaining) {
        this(what, Math.max(1, (remaining.toMillis() + 999) / 1000));
    }

    private RateLimited(String what, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, what + "; retry in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
