package io.voicepartner.query.webhook;

import io.voicepartner.query.live.FeedAppended;
import io.voicepartner.support.housekeeping.PeriodicRounds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the organizations' public events into deliveries, endpoint by endpoint: a node holds the progress rows of the
 * endpoints no other node holds ({@code FOR UPDATE SKIP LOCKED}), a page at a time, reads each one's feed after its
 * cursor, adds a delivery for every event of a type it takes, and moves the cursor, each page in one transaction: a
 * page that fails adds nothing and moves nothing, and the next round reads the same events again. A new endpoint starts
 * after the last event committed before it was created. Events that occurred before the schema was created are passed
 * over (ADR 0038): after a restore they were delivered by the platform that was lost. Sending is
 * {@link WebhookWorker}'s.
 *
 * <p>A round runs when the feed's {@code NOTIFY} says an organization has new events, and then reads only that
 * organization's endpoints; it wakes the sender when it added deliveries. An event that has committed but is held
 * back behind a transaction still running (ADR 0031; the other consumer thread's batch, a sender recording an attempt)
 * is read again 20 ms later, as the live streams do, not a poll interval later; an endpoint with more events than a
 * read takes is read again at once. Every poll interval a round also reads the next page of all endpoints, going round
 * them all, and starts new endpoints: the bound for a notification lost while no connection listened (a poll interval
 * per 100 endpoints), at the cost of one page per interval however many endpoints there are.
 */
@Component
class WebhookDispatch extends PeriodicRounds implements FeedAppended {

    private static final int ENDPOINTS_PER_TRANSACTION = 100;
    private static final int EVENTS_PER_ENDPOINT = 500;
    /** How soon an organization's feed is read again when an event of it was held back: as {@code LiveFeed}. */
    private static final Duration HELD_BACK_RETRY = Duration.ofMillis(20);

    private final ObjectProvider<OrganizationEvents> feed;
    private final WebhookProgress progress;
    private final WebhookDeliveries deliveries;
    private final TransactionTemplate transaction;
    private final DeliveryIds ids;
    private final WebhookWorker sender;
    private final Duration sweepEvery;
    private final Clock clock = Clock.systemUTC();
    /** Organizations with events to read since a round last took them: named by the feed's notifications. */
    private final Set<String> due = ConcurrentHashMap.newKeySet();
    /** When a round last read a page of all endpoints ({@link System#nanoTime}); only the rounds' thread uses it. */
    private long sweptAt = System.nanoTime();
    /** Where the next page of all endpoints starts: after this endpoint id, {@code ""} from the first. */
    private String sweptUpTo = "";

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
        this.sweepEvery = settings.pollInterval();
    }

    @Override
    protected void round() {
        OrganizationEvents events = feed.getIfAvailable();
        if (events == null) {
            return;
        }
        Set<String> organizations = Set.copyOf(due);
        due.removeAll(organizations);
        try {
            dispatch(events, organizations);
        } catch (RuntimeException e) {
            // the database away: these organizations are read again by the next round, not only by the sweep
            due.addAll(organizations);
            throw e;
        }
    }

    private void dispatch(OrganizationEvents events, Set<String> organizations) {
        Taken taken = new Taken();
        long now = System.nanoTime();
        if (now - sweptAt >= sweepEvery.toNanos()) {
            sweptAt = now;
            startNewEndpoints(events, taken);
            List<WebhookProgress.Reading> page = read(events, null, sweptUpTo, taken);
            sweptUpTo = page.size() < ENDPOINTS_PER_TRANSACTION
                    ? ""
                    : page.get(page.size() - 1).endpointId();
        }
        if (!organizations.isEmpty()) {
            String after = "";
            List<WebhookProgress.Reading> page;
            do {
                page = read(events, organizations, after, taken);
                after = page.isEmpty() ? after : page.get(page.size() - 1).endpointId();
            } while (page.size() == ENDPOINTS_PER_TRANSACTION && isRunning());
        }
        if (taken.added > 0) {
            sender.wake();
        }
        if (!taken.more.isEmpty()) {
            due.addAll(taken.more);
            wake();
        }
        if (!taken.heldBack.isEmpty()) {
            due.addAll(taken.heldBack);
            wakeIn(HELD_BACK_RETRY);
        }
    }

    /**
     * Reads, in one transaction, the feeds of a page of endpoints after {@code afterEndpointId} (of
     * {@code organizations}, or of all when {@code null}) into deliveries.
     *
     * @return the endpoints read
     */
    private List<WebhookProgress.Reading> read(
            OrganizationEvents events, Set<String> organizations, String afterEndpointId, Taken taken) {
        List<WebhookProgress.Reading> page = transaction.execute(status -> {
            List<WebhookProgress.Reading> held =
                    progress.hold(organizations, afterEndpointId, ENDPOINTS_PER_TRANSACTION);
            for (WebhookProgress.Reading endpoint : held) {
                if (!isRunning()) {
                    break;
                }
                take(events, endpoint, taken);
            }
            return held;
        });
        return page == null ? List.of() : page;
    }

    @Override
    public void appended(String organizationId) {
        due.add(organizationId);
        wake();
    }

    private void startNewEndpoints(OrganizationEvents events, Taken taken) {
        for (WebhookProgress.Unstarted endpoint : progress.unstarted(ENDPOINTS_PER_TRANSACTION)) {
            Instant since = taken.since(progress);
            Instant start = endpoint.createdAt().isAfter(since) ? endpoint.createdAt() : since;
            progress.start(
                    endpoint.endpointId(),
                    events.cursorBefore(endpoint.organizationId(), start).orElse(null));
        }
    }

    /** What a round took: deliveries added, and the organizations to read again soon. */
    private static final class Taken {
        private Instant since;
        private int added;
        private final Set<String> more = new HashSet<>();
        private final Set<String> heldBack = new HashSet<>();

        /**
         * Since when this schema delivers ({@link WebhookProgress#deliversSince}), read once a round and only by a
         * round that found an endpoint: most notifications are of organizations without one.
         */
        private Instant since(WebhookProgress progress) {
            if (since == null) {
                since = progress.deliversSince().orElse(Instant.MIN);
            }
            return since;
        }
    }

    /** Adds the endpoint's deliveries of the events after its cursor. */
    private void take(OrganizationEvents events, WebhookProgress.Reading endpoint, Taken taken) {
        OrganizationEvents.Read read = events.after(endpoint.organizationId(), endpoint.cursor(), EVENTS_PER_ENDPOINT);
        if (read.heldBack()) {
            taken.heldBack.add(endpoint.organizationId());
        }
        List<OrganizationEvents.FeedEvent> served = read.events();
        if (served.isEmpty()) {
            return;
        }
        if (served.size() == EVENTS_PER_ENDPOINT) {
            taken.more.add(endpoint.organizationId());
        }
        Set<String> types = Set.copyOf(Arrays.asList(endpoint.eventTypes().split(" ")));
        Instant since = taken.since(progress);
        List<WebhookDeliveries.NewDelivery> added = new ArrayList<>();
        for (OrganizationEvents.FeedEvent event : served) {
            if (!event.occurredAt().isBefore(since) && (types.contains("*") || types.contains(event.type()))) {
                added.add(new WebhookDeliveries.NewDelivery(ids.next(), event));
            }
        }
        taken.added += deliveries.addAll(endpoint.endpointId(), endpoint.organizationId(), added, clock.instant());
        progress.advance(endpoint.endpointId(), served.get(served.size() - 1).cursor());
    }
}
