package io.voicepartner.command.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CallStartMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallStartMetrics metrics = new CallStartMetrics(registry, new RuntimeSettings(2));

    @Test
    void credentialReadsAreCountedPerOrganizationAndActor() {
        metrics.credentialsRead("acme", "ada");
        metrics.credentialsRead("acme", "ada");
        metrics.credentialsRead("acme", "api_key:k1");

        assertThat(reads("acme", "ada")).isEqualTo(2.0);
        assertThat(reads("acme", "api_key:k1")).isEqualTo(1.0);
        assertThat(reads(CallStartMetrics.OTHER, CallStartMetrics.OTHER)).isZero();
    }

    @Test
    void pairsPastTheBoundAreCountedTogetherAsOtherAndGetNoSeries() {
        metrics.credentialsRead("acme", "ada");
        metrics.credentialsRead("acme", "grace");
        metrics.credentialsRead("globex", "hank");
        metrics.credentialsRead("initech", "peter");
        metrics.credentialsRead("acme", "ada");

        assertThat(reads("acme", "ada")).isEqualTo(2.0);
        assertThat(reads("acme", "grace")).isEqualTo(1.0);
        assertThat(reads(CallStartMetrics.OTHER, CallStartMetrics.OTHER)).isEqualTo(2.0);
        assertThat(registry.find(CallStartMetrics.CREDENTIAL_READS)
                        .tags("organization", "globex")
                        .counter())
                .isNull();
        assertThat(registry.find(CallStartMetrics.CREDENTIAL_READS).counters()).hasSize(3);
    }

    @Test
    void everyOutcomeOfALookupHasItsSeriesFromTheStart() {
        metrics.lookedUp(CallStartMetrics.Outcome.NO_PUBLISHED_VERSION);

        assertThat(registry.find(CallStartMetrics.LOOKUPS).counters())
                .extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("answered", "unknown_number", "no_assistant", "no_published_version");
        assertThat(registry.get(CallStartMetrics.LOOKUPS)
                        .tag("outcome", "no_published_version")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    private double reads(String organization, String actor) {
        Counter counter = registry.find(CallStartMetrics.CREDENTIAL_READS)
                .tags("organization", organization, "actor", actor)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
