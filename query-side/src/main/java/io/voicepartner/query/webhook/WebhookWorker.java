package io.voicepartner.query.webhook;

import io.voicepartner.support.housekeeping.PeriodicRounds;
import io.voicepartner.support.security.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/**
 * Sends the deliveries that are due, on every node of the query side: a round takes a batch no other node holds
 * ({@link WebhookDeliveries#take}) whenever the senders are running low, and each of {@code WEBHOOK_CONCURRENCY}
 * senders signs the next with the endpoint's secrets as they are now, sends it and records the attempt. A {@code 2xx} settles a delivery; anything else is
 * tried again after the next of the retry delays, and after the last one the delivery has failed. An endpoint that has
 * accepted nothing for {@code WEBHOOK_DISABLE_AFTER} is disabled ({@link EndpointDisabling}). Everything is in
 * PostgreSQL, so a restart, or a broker away, loses nothing: what was taken and not recorded is taken again once its
 * lease has run out (at least once; receivers tell a repeat by its {@code webhook-id}).
 */
@Component
// the query side holds SECRETS_KEY for this: signing needs the secrets in clear (ADR 0032)
@Import(SecretBox.class)
class WebhookWorker extends PeriodicRounds {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

    private final WebhookSettings settings;
    private final WebhookDeliveries deliveries;
    private final WebhookEndpointRows endpoints;
    private final WebhookProgress progress;
    private final WebhookSender sender;
    private final SecretBox secrets;
    private final EndpointDisabling disabling;
    private final ExecutorService senders;
    /** Deliveries taken and not yet recorded: being sent, or waiting for a free sender. */
    private final AtomicInteger outstanding = new AtomicInteger();

    private final Clock clock = Clock.systemUTC();

    WebhookWorker(
            WebhookSettings settings,
            WebhookDeliveries deliveries,
            WebhookEndpointRows endpoints,
            WebhookProgress progress,
            WebhookSender sender,
            SecretBox secrets,
            EndpointDisabling disabling) {
        super("webhook-worker", settings.pollInterval());
        this.settings = settings;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.progress = progress;
        this.sender = sender;
        this.secrets = secrets;
        this.disabling = disabling;
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void round() {
        int room;
        while (isRunning() && (room = roomToTake()) > 0) {
            List<WebhookDeliveries.Due> due = deliveries.take(room, settings.lease());
            outstanding.addAndGet(due.size());
            for (WebhookDeliveries.Due delivery : due) {
                senders.execute(() -> attemptAndHandBack(delivery));
            }
            if (due.size() < room) {
                return;
            }
        }
    }

    /**
     * How many deliveries to take now: none while more than one per sender is outstanding, else enough to have two
     * per sender. A sender that ends its attempt so starts the next at once, without waiting for the others of its
     * batch, and a {@code take} (a scan of the due ones, the dearest statement at scale) still brings a batch. A
     * delivery waits for at most one attempt before its own, so that both fit in the lease (twice the timeout).
     */
    private int roomToTake() {
        int held = outstanding.get();
        return held <= settings.concurrency() ? 2 * settings.concurrency() - held : 0;
    }

    private void attemptAndHandBack(WebhookDeliveries.Due delivery) {
        try {
            attempt(delivery);
        } catch (RuntimeException e) {
            // one attempt's trouble (the database away while recording it) is the lease's to undo: it is taken again
            log.warn("A webhook attempt could not be recorded: {}", String.valueOf(e));
        } finally {
            // a round takes more once a batch's worth of room has opened, or at once when this delivery held up the
            // next of its resource, which is due now (a burst of edits to one assistant goes at attempt speed)
            if (outstanding.decrementAndGet() == settings.concurrency() || delivery.nextOfItsResourceWaits()) {
                wake();
            }
        }
    }

    private void attempt(WebhookDeliveries.Due delivery) {
        Optional<WebhookEndpointRows.Signing> endpoint = endpoints.signing(delivery.endpointId());
        if (endpoint.isEmpty()) {
            deliveries.cancel(delivery.id());
            return;
        }
        Instant at = clock.instant();
        List<String> clear =
                endpoint.get().secrets().stream().map(secrets::decrypt).toList();
        long timestamp = at.getEpochSecond();
        WebhookSender.Outcome outcome = sender.send(new WebhookSender.Request(
                endpoint.get().url(),
                delivery.eventId(),
                timestamp,
                WebhookSignature.header(delivery.eventId(), timestamp, delivery.body(), clear),
                delivery.body()));
        if (outcome.success()) {
            deliveries.attempted(delivery, at, outcome, WebhookDeliveries.SUCCEEDED, null);
            return;
        }
        boolean last = delivery.attempt() >= settings.maxAttempts();
        Instant next = last ? null : clock.instant().plus(settings.retryDelays().get(delivery.attempt() - 1));
        deliveries.attempted(delivery, at, outcome, last ? WebhookDeliveries.FAILED : WebhookDeliveries.PENDING, next);
        Instant failingSince = progress.failed(delivery.endpointId(), at);
        if (Duration.between(failingSince, at).compareTo(settings.disableAfter()) >= 0
                && progress.markDisabling(delivery.endpointId(), at)) {
            disabling.disable(delivery.endpointId(), failingSince);
        }
    }

    @Override
    public void destroy() {
        super.destroy();
        senders.shutdownNow();
    }
}
