package io.voicepartner.query.webhook;

import io.voicepartner.query.live.FeedAppended;
import io.voicepartner.support.housekeeping.PeriodicRounds;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the organizations' public events into deliveries, endpoint by endpoint: in each round, a node holds the
 * progress rows of the endpoints no other node holds ({@code FOR UPDATE SKIP LOCKED}), reads each one's feed after its
 * cursor, adds a delivery for every event of a type it takes, and moves the cursor, all in one transaction: a round
 * that fails adds nothing and moves nothing, and the next one reads the same events again. A new endpoint starts after
 * the last event committed before it was created. Events that occurred before the schema was created are passed over
 * (ADR 0038): after a restore they were delivered by the platform that was lost. Sending is {@link WebhookWorker}'s.
 *
 * <p>A round runs when the feed's {@code NOTIFY} says an organization has new events, and wakes the sender when it
 * added deliveries: otherwise each change waited for a round of each, up to two poll intervals, before it was sent.
 * The poll interval remains the bound for a notification lost while no connection listened.
 */
@Component
class WebhookDispatch extends PeriodicRounds implements FeedAppended {

    private static final int ENDPOINTS_PER_ROUND = 100;
    private static final int EVENTS_PER_ENDPOINT = 500;

    private final ObjectProvider<OrganizationEvents> feed;
    private final WebhookProgress progress;
    private final WebhookDeliveries deliveries;
    private final TransactionTemplate transaction;
    private final DeliveryIds ids;
    private final WebhookWorker sender;
    private final Clock clock = Clock.systemUTC();

    WebhookDispatch(
            WebhookSettings settings,
            ObjectProvider<OrganizationEvents> feed,
            WebhookProgress progress,
            WebhookDeliveries deliveries,
            TransactionTemplate transaction,
            DeliveryIds ids,
            WebhookWorker sender) {
        super("webhook-dispatch", settings.pollInterval());
        this.ids = ids;
        this.sender = sender;
        this.feed = feed;
        this.progress = progress;
        this.deliveries = deliveries;
        this.transaction = transaction;
    }

    @Override
    protected void round() {
        OrganizationEvents events = feed.getIfAvailable();
        if (events == null) {
            return;
        }
        Instant since = progress.deliversSince().orElse(Instant.MIN);
        for (WebhookProgress.Unstarted endpoint : progress.unstarted(ENDPOINTS_PER_ROUND)) {
            Instant start = endpoint.createdAt().isAfter(since) ? endpoint.createdAt() : since;
            progress.start(
                    endpoint.endpointId(),
                    events.cursorBefore(endpoint.organizationId(), start).orElse(null));
        }
        AtomicInteger added = new AtomicInteger();
        transaction.executeWithoutResult(status -> {
            for (WebhookProgress.Reading endpoint : progress.hold(ENDPOINTS_PER_ROUND)) {
                if (!isRunning()) {
                    return;
                }
                added.addAndGet(take(events, endpoint, since));
            }
        });
        if (added.get() > 0) {
            sender.wake();
        }
    }

    @Override
    public void appended(String organizationId) {
        wake();
    }

    /** Adds the endpoint's deliveries of the events after its cursor; returns how many. */
    private int take(OrganizationEvents events, WebhookProgress.Reading endpoint, Instant since) {
        List<OrganizationEvents.FeedEvent> read =
                events.after(endpoint.organizationId(), endpoint.cursor(), EVENTS_PER_ENDPOINT);
        if (read.isEmpty()) {
            return 0;
        }
        Set<String> types = Set.copyOf(Arrays.asList(endpoint.eventTypes().split(" ")));
        Instant now = clock.instant();
        int added = 0;
        for (OrganizationEvents.FeedEvent event : read) {
            if (!event.occurredAt().isBefore(since) && (types.contains("*") || types.contains(event.type()))) {
                deliveries.add(ids.next(), endpoint.endpointId(), endpoint.organizationId(), event, now);
                added++;
            }
        }
        progress.advance(endpoint.endpointId(), read.get(read.size() - 1).cursor());
        return added;
    }
}
