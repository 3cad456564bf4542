package io.voicepartner.command.user;

import io.voicepartner.command.web.RateLimited;
import io.voicepartner.command.web.WindowCounters;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How many accounts may be opened per minute, from one client and from all together: each sign-up hashes a
 * password (tens of milliseconds of CPU) and stores an account, and needs no token, so without a bound a
 * script could open accounts or burn CPU as fast as it can send. Checked before anything is hashed or stored.
 */
@Component
@EnableConfigurationProperties(SignUpLimits.Settings.class)
class SignUpLimits {

    /**
     * @param perClientPerMinute {@code SIGNUPS_PER_MINUTE_PER_CLIENT}
     * @param perMinute          {@code SIGNUPS_PER_MINUTE}, from every client together
     * @param trackedClients     the most clients counted at once, whatever arrives
     */
    @ConfigurationProperties("voicepartner.sign-up")
    record Settings(int perClientPerMinute, int perMinute, int trackedClients) {

        Settings {
            if (perClientPerMinute < 1 || perMinute < 1 || trackedClients < 1) {
                throw new IllegalArgumentException("voicepartner.sign-up: every limit must be at least 1");
            }
        }
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String EVERYONE = "everyone";

    private final Settings settings;
    private final WindowCounters counters;

    @Autowired
    SignUpLimits(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    SignUpLimits(Settings settings, Clock clock) {
        this.settings = settings;
        this.counters = new WindowCounters(settings.trackedClients() + 1, MINUTE, clock);
    }

    /** @throws RateLimited when this client, or every client together, has opened as many accounts as allowed */
    void admit(String client) {
        WindowCounters.Tally fromClient = counters.count("client\n" + client, MINUTE);
        if (fromClient.count() > settings.perClientPerMinute()) {
            throw new RateLimited("Too many sign-ups from this client", fromClient.remaining());
        }
        WindowCounters.Tally fromEveryone = counters.count(EVERYONE, MINUTE);
        if (fromEveryone.count() > settings.perMinute()) {
            throw new RateLimited("Too many sign-ups", fromEveryone.remaining());
        }
    }

    long trackedClients() {
        return counters.size();
    }
}
