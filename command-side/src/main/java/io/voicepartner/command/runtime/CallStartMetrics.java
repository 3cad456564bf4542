package io.voicepartner.command.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * What the call-start lookup counts. {@code voicepartner.runtime.lookups{outcome}}: every lookup, by how it ended
 * (a call the runtime could not answer shows as one of the {@code not_found} outcomes).
 * {@code voicepartner.runtime.credential_reads{organization, actor}}: the answers that carried decrypted credentials,
 * by the organization and the caller ({@code Caller.actor()}: a user's id, an API key's {@code api_key:<id>}), so
 * that an operator sees who reads credentials and how often.
 *
 * <p>Every (organization, actor) pair would be a series of its own in every scrape for as long as the process runs,
 * and tenants and keys are unbounded. The first {@code RUNTIME_CREDENTIAL_READ_SERIES} pairs a process sees get
 * their own series; later ones are counted under {@code organization="other", actor="other"}, so that the total
 * stays right and the series stay bounded (a warning says when that starts).
 */
@Component
@EnableConfigurationProperties(RuntimeSettings.class)
class CallStartMetrics {

    static final String LOOKUPS = "voicepartner.runtime.lookups";
    static final String CREDENTIAL_READS = "voicepartner.runtime.credential_reads";
    static final String OTHER = "other";

    private static final Logger log = LoggerFactory.getLogger(CallStartMetrics.class);

    /** How a lookup ended: answered, or which of the 404s. */
    enum Outcome {
        ANSWERED,
        UNKNOWN_NUMBER,
        NO_ASSISTANT,
        NO_PUBLISHED_VERSION
    }

    private record Series(String organization, String actor) {}

    private final MeterRegistry registry;
    private final int maxSeries;
    private final Map<Outcome, Counter> lookups = new EnumMap<>(Outcome.class);
    private final Map<Series, Counter> credentialReads = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Counter otherCredentialReads;

    CallStartMetrics(MeterRegistry registry, RuntimeSettings settings) {
        this.registry = registry;
        this.maxSeries = settings.credentialReadSeries();
        for (Outcome outcome : Outcome.values()) {
            lookups.put(
                    outcome,
                    Counter.builder(LOOKUPS)
                            .description("Call-start lookups, by how they ended")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        this.otherCredentialReads = credentialReads(new Series(OTHER, OTHER));
    }

    void lookedUp(Outcome outcome) {
        lookups.get(outcome).increment();
    }

    void credentialsRead(String organizationId, String actor) {
        Series series = new Series(organizationId, actor);
        Counter counter = credentialReads.get(series);
        if (counter == null) {
            counter = credentialReads.computeIfAbsent(series, this::admitted);
        }
        (counter == null ? otherCredentialReads : counter).increment();
    }

    /** A series of its own while there is room, else none (the read is counted as other's, and not remembered). */
    private Counter admitted(Series series) {
        int count;
        do {
            count = admitted.get();
            if (count >= maxSeries) {
                if (warned.compareAndSet(false, true)) {
                    log.warn(
                            "{} has a series for {} (organization, actor) pairs, RUNTIME_CREDENTIAL_READ_SERIES; "
                                    + "reads of further pairs are counted as organization=\"other\", actor=\"other\"",
                            CREDENTIAL_READS,
                            maxSeries);
                }
                return null;
            }
        } while (!admitted.compareAndSet(count, count + 1));
        return credentialReads(series);
    }

    private Counter credentialReads(Series series) {
        return Counter.builder(CREDENTIAL_READS)
                .description("Call-start answers that carried decrypted credentials, by organization and actor")
                .tag("organization", series.organization())
                .tag("actor", series.actor())
                .register(registry);
    }
}
