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
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/**
 * Sends the deliveries that are due, on every node of the query side: a round takes as many due deliveries as there
 * are free senders ({@code WEBHOOK_CONCURRENCY} attempts at once), deliveries no other node holds
 * ({@link WebhookDeliveries#take}), and hands each to a sender, which signs it with the endpoint's secrets as they are
 * now, sends it and records the attempt. A round does not wait for its attempts: each one that ends wakes the rounds,
 * which take what has become due meanwhile (the next event of its resource, a delivery that waited for a free sender).
 * Waiting for a whole batch had held every delivery added meanwhile behind the batch's slowest receiver, up to its
 * 10 s deadline, whatever endpoint they were for. A {@code 2xx} settles a delivery; anything else is
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
    /** Free senders; only the rounds' thread takes them, each attempt gives its own back when it ends. */
    private final Semaphore free;

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
        this.free = new Semaphore(settings.concurrency());
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void round() {
        while (isRunning()) {
            int wanted = Math.min(free.availablePermits(), settings.batchSize());
            if (wanted == 0) {
                // every sender is busy: the first to finish wakes the rounds
                return;
            }
            List<WebhookDeliveries.Due> due = deliveries.take(wanted, settings.lease());
            for (WebhookDeliveries.Due delivery : due) {
                // never waits: only this thread takes senders, and it counted them free
                free.acquireUninterruptibly();
                senders.execute(() -> send(delivery));
            }
            if (due.size() < wanted) {
                return;
            }
        }
    }

    private void send(WebhookDeliveries.Due delivery) {
        try {
            attempt(delivery);
        } catch (RuntimeException e) {
            // one attempt's trouble (the database away while recording it) is the lease's to undo: it is taken again
            log.warn("A webhook attempt could not be recorded: {}", String.valueOf(e));
        } finally {
            free.release();
            wake();
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
            progress.succeeded(delivery.endpointId(), at);
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
