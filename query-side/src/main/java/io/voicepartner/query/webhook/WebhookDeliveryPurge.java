package io.voicepartner.query.webhook;

import io.voicepartner.support.housekeeping.PeriodicRounds;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes settled deliveries past {@code WEBHOOK_DELIVERY_RETENTION} (30 days unless set), every
 * {@code voicepartner.webhooks.purge-interval}: every change of every organization becomes a delivery per endpoint,
 * so without this the table would grow for as long as the platform runs. Pending deliveries are never deleted. In
 * batches of {@value #BATCH}, each its own short statement, so that a backlog never holds locks for long; several
 * query-side nodes may purge at once.
 */
@Component
class WebhookDeliveryPurge extends PeriodicRounds {

    private static final int BATCH = 1000;

    private final WebhookDeliveries deliveries;
    private final Duration retention;
    private final Clock clock;

    WebhookDeliveryPurge(
            WebhookDeliveries deliveries,
            WebhookSettings settings,
            @Value("${voicepartner.webhooks.purge-interval}") Duration interval) {
        super("webhook-delivery-purge", interval);
        this.deliveries = deliveries;
        this.retention = settings.retention();
        this.clock = Clock.systemUTC();
    }

    /** Batches until one comes back short. */
    @Override
    protected void round() {
        int deleted;
        do {
            deleted =
                    isRunning() ? deliveries.purgeSettledBefore(clock.instant().minus(retention), BATCH) : 0;
        } while (deleted == BATCH);
    }
}
