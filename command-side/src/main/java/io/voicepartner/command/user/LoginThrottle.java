package io.voicepartner.command.user;

import io.voicepartner.command.web.RateLimited;
import io.voicepartner.command.web.WindowCounters;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Decides, before any password is hashed, whether a login may be tried ({@link LoginLimits}). Failures are
 * counted per e-mail and client, so that someone guessing a person's password from one client does not lock
 * that person out of their own: the owner's client has its own count. Only the much looser count per e-mail
 * across all clients stops guessing from many clients, and one client alone cannot reach it. Each attempt is
 * counted as a failure when it is admitted (concurrent guesses cannot slip past the limit) and taken back when
 * the password was right. The refusal is the same whether the e-mail exists or not.
 */
@Component
@EnableConfigurationProperties(LoginLimits.class)
class LoginThrottle {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private final LoginLimits limits;
    private final WindowCounters counters;

    @Autowired
    LoginThrottle(LoginLimits limits) {
        this(limits, Clock.systemUTC());
    }

    LoginThrottle(LoginLimits limits, Clock clock) {
        this.limits = limits;
        this.counters = new WindowCounters(limits.trackedKeys(), HOUR, clock);
    }

    /** @throws RateLimited when the client, or this e-mail from this client or from all of them, is over its limit */
    void admit(String email, String client) {
        limit("client\n" + client, limits.attemptsPerMinutePerClient(), MINUTE);
        limit("client-and-email\n" + client + "\n" + email, limits.failuresPerMinutePerClientAndEmail(), MINUTE);
        limit("email\n" + email, limits.failuresPerHourPerEmail(), HOUR);
    }

    /** The password was right: the attempt {@link #admit} counted was no failure. */
    void succeeded(String email, String client) {
        counters.uncount("client-and-email\n" + client + "\n" + email);
        counters.uncount("email\n" + email);
    }

    long trackedKeys() {
        return counters.size();
    }

    private void limit(String key, int limit, Duration window) {
        WindowCounters.Tally tally = counters.count(key, window);
        if (tally.count() > limit) {
            throw new RateLimited("Too many login attempts", tally.remaining());
        }
    }
}
