package io.voicepartner.query.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How webhooks are delivered (ADR 0032).
 *
 * @param retryDelays   {@code WEBHOOK_RETRY_DELAYS}: the waits after each failed attempt before the next one; after the
 *                      last, the delivery fails for good. The default, 5 s to 24 h doubling roughly, adds up to about
 *                      three days (docs/API.md lists it); tests shorten it
 * @param timeout       the deadline of one attempt, from connecting to the answer's status: no answer within it is
 *                      a failure
 * @param disableAfter  {@code WEBHOOK_DISABLE_AFTER}: an endpoint whose attempts have all failed for this long, with no
 *                      success in between, is disabled
 * @param pollInterval  how often each node looks for new events in the feed and for deliveries due
 * @param concurrency   {@code WEBHOOK_CONCURRENCY}: the attempts one node makes at the same time; it takes twice as
 *                      many deliveries at once, so that each waits for at most one attempt before its own
 * @param lease         how long a node holds the deliveries it took: past it, unanswered (the node died), another node
 *                      takes them again
 * @param retention     {@code WEBHOOK_DELIVERY_RETENTION}: how long a settled delivery and its attempts stay listed; a
 *                      pending one stays until it is settled
 */
@ConfigurationProperties("voicepartner.webhooks")
record WebhookSettings(
        List<Duration> retryDelays,
        Duration timeout,
        Duration disableAfter,
        Duration pollInterval,
        int concurrency,
        Duration lease,
        Duration retention) {

    WebhookSettings {
        retryDelays = List.copyOf(retryDelays);
        if (concurrency < 1) {
            throw new IllegalArgumentException("WEBHOOK_CONCURRENCY must be at least 1");
        }
        if (retention.compareTo(disableAfter) < 0) {
            throw new IllegalArgumentException(
                    "WEBHOOK_DELIVERY_RETENTION must be at least WEBHOOK_DISABLE_AFTER: a disabled endpoint's failures are"
                            + " what its owner reads to fix it");
        }
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "The webhook lease must be at least twice the timeout, so that a live node keeps what it sends: a delivery"
                            + " waits for at most one attempt before its own");
        }
    }

    /** How many attempts a delivery gets: the first, and one after each delay. */
    int maxAttempts() {
        return retryDelays.size() + 1;
    }
}
