package io.voicepartner.query.webhook;

import io.voicepartner.support.housekeeping.PeriodicRounds;
import io.voicepartner.support.security.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

/**
 * Sends the deliveries that are due, on every node of the query side: each round takes a batch no other node holds
 * ({@link WebhookDeliveries#take}), signs each with the endpoint's secrets as they are now, sends them at most
 * {@code WEBHOOK_CONCURRENCY} at a time, and records every attempt. A {@code 2xx} settles a delivery; anything else is
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
        List<WebhookDeliveries.Due> due;
        do {
            due = deliveries.take(settings.batchSize(), settings.lease());
            List<Future<?>> sent = new ArrayList<>();
            for (WebhookDeliveries.Due delivery : due) {
                sent.add(senders.submit(() -> attempt(delivery)));
            }
            for (Future<?> attempt : sent) {
                await(attempt);
            }
        } while (due.size() == settings.batchSize() && isRunning());
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

    private static void await(Future<?> attempt) {
        try {
            attempt.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // one attempt's trouble (the database away while recording it) is the lease's to undo: it is taken again
            log.warn("A webhook attempt could not be recorded: {}", String.valueOf(e.getCause()));
        }
    }

    @Override
    public void destroy() {
        super.destroy();
        senders.shutdownNow();
    }
}
