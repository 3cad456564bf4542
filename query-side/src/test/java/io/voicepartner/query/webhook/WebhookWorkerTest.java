package io.voicepartner.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.outbound.HostResolver;
import io.voicepartner.support.outbound.OutboundSettings;
import io.voicepartner.support.security.SecretBox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The sender as woken, with a poll interval of an hour so that only wakes can run it, against receivers on this host:
 * a delivery is sent as soon as a sender is free, not once the slowest attempt of the batch before it has ended, and
 * the next event of a resource goes as soon as the one before it is answered (the webhook tail BENCHMARKS.md
 * measured).
 */
class WebhookWorkerTest {

    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final Duration RETRY = Duration.ofMillis(200);

    private static ReadModelDatabase database;
    private final SecretBox secrets = new SecretBox(randomKey(), "");
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowReceiverReleased = new CountDownLatch(1);
    private final CountDownLatch slowReceiverCalled = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();
    private HttpServer receiver;
    private WebhookDeliveries deliveries;
    private WebhookWorker worker;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/fast", this::answerAtOnce);
        receiver.createContext("/slow", this::answerWhenReleased);
        receiver.createContext("/failing-once", this::failTheFirstTime);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
        WebhookSettings settings = new WebhookSettings(
                List.of(RETRY, RETRY),
                Duration.ofSeconds(10),
                Duration.ofDays(3),
                NO_POLL,
                4,
                Duration.ofMinutes(1),
                Duration.ofDays(30));
        deliveries = new WebhookDeliveries(database.jdbc(), database.transaction());
        WebhookSender sender = new WebhookSender(
                settings,
                new OutboundSettings(List.of("127.0.0.1/32")),
                new StaticListableBeanFactory(Map.of()).getBeanProvider(HostResolver.class));
        // disabling is never reached: every receiver here answers 204
        worker = new WebhookWorker(
                settings,
                deliveries,
                new WebhookEndpointRows(database.jdbc()),
                new WebhookProgress(database.jdbc()),
                sender,
                secrets,
                null);
        worker.start();
    }

    @AfterEach
    void stop() {
        slowReceiverReleased.countDown();
        worker.stop();
        worker.destroy();
        receiver.stop(0);
    }

    @Test
    void aDeliveryIsSentWhileAnAttemptTakenBeforeItIsStillWaitingForItsAnswer() throws Exception {
        String organization = "org-" + UUID.randomUUID();
        String slow = endpoint(organization, "/slow");
        String fast = endpoint(organization, "/fast");
        String first = delivery(slow, organization, "assistant/a");
        worker.wake();
        assertThat(slowReceiverCalled.await(10, TimeUnit.SECONDS)).isTrue();

        String second = delivery(fast, organization, "assistant/b");
        worker.wake();

        await().atMost(Duration.ofSeconds(5)).until(() -> status(second).equals(WebhookDeliveries.SUCCEEDED));
        assertThat(status(first)).as("still waiting for its answer").isEqualTo(WebhookDeliveries.PENDING);
        slowReceiverReleased.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> status(first).equals(WebhookDeliveries.SUCCEEDED));
    }

    @Test
    void theNextEventOfAResourceIsSentAsSoonAsTheOneBeforeItIsAnswered() throws Exception {
        String organization = "org-" + UUID.randomUUID();
        String fast = endpoint(organization, "/fast");
        // added in one statement, as a dispatcher round adds them: their order is the order they are sent in
        List<WebhookDeliveries.NewDelivery> added = List.of(newDelivery(), newDelivery(), newDelivery());
        deliveries.addAll(fast, organization, added, Instant.now());
        List<String> inOrder =
                added.stream().map(WebhookDeliveries.NewDelivery::id).toList();

        // one wake: each of the next two is due only once the one before it is settled, and no poll comes within the
        // hour
        worker.wake();

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(received)
                .containsExactlyElementsOf(inOrder.stream()
                        .map(id -> database.jdbc()
                                .sql("SELECT event_id FROM query.webhook_deliveries WHERE id = ?")
                                .param(id)
                                .query(String.class)
                                .single())
                        .toList());
    }

    @Test
    void aFailedAttemptIsRecordedWithWhenToTryAgainAndTheSuccessAfterItClearsTheEndpointsFailure() {
        String organization = "org-" + UUID.randomUUID();
        String flaky = endpoint(organization, "/failing-once");
        String delivery = delivery(flaky, organization, "assistant/a");

        worker.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts(delivery) == 1);
        assertThat(database.jdbc()
                        .sql("SELECT status_code, next_retry_at IS NOT NULL FROM query.webhook_attempts "
                                + "WHERE delivery_id = ?")
                        .param(delivery)
                        .query((row, n) -> row.getInt(1) + " " + row.getBoolean(2))
                        .single())
                .isEqualTo("500 true");
        assertThat(status(delivery)).isEqualTo(WebhookDeliveries.PENDING);
        assertThat(failingSince(flaky)).as("failing since the attempt").isNotNull();

        await().pollDelay(RETRY).atMost(Duration.ofSeconds(5)).until(() -> {
            worker.wake();
            return status(delivery).equals(WebhookDeliveries.SUCCEEDED);
        });
        assertThat(attempts(delivery)).isEqualTo(2);
        assertThat(failingSince(flaky)).as("cleared by the success").isNull();
    }

    private void failTheFirstTime(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(failed.getAndSet(true) ? 204 : 500, -1);
        exchange.close();
    }

    private void answerAtOnce(HttpExchange exchange) throws IOException {
        received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private void answerWhenReleased(HttpExchange exchange) throws IOException {
        slowReceiverCalled.countDown();
        try {
            slowReceiverReleased.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private String endpoint(String organization, String path) {
        String id = UUID.randomUUID().toString();
        database.jdbc()
                .sql(
                        "INSERT INTO query.webhook_endpoints (id, owner_id, url, event_types, enabled, secret, created_by, "
                                + "revision, created_at, updated_at) VALUES (?, ?, ?, '*', true, ?, 'someone', 1, now(), now())")
                .params(
                        id,
                        organization,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + path,
                        secrets.encrypt("whsec_" + randomKey()).ciphertext())
                .update();
        return id;
    }

    private static WebhookDeliveries.NewDelivery newDelivery() {
        String event = UUID.randomUUID().toString();
        return new WebhookDeliveries.NewDelivery(
                UUID.randomUUID().toString(),
                new OrganizationEvents.FeedEvent(
                        null, event, "assistant.updated", Instant.now(), "assistant/a", "{\"id\":\"" + event + "\"}"));
    }

    /** A pending delivery of a new event of {@code resource}, after those of it added before. */
    private String delivery(String endpoint, String organization, String resource) {
        String id = UUID.randomUUID().toString();
        String event = UUID.randomUUID().toString();
        deliveries.add(
                id,
                endpoint,
                organization,
                new OrganizationEvents.FeedEvent(
                        null, event, "assistant.updated", Instant.now(), resource, "{\"id\":\"" + event + "\"}"),
                Instant.now());
        return id;
    }

    private static long attempts(String delivery) {
        return database.jdbc()
                .sql("SELECT count(*) FROM query.webhook_attempts WHERE delivery_id = ?")
                .param(delivery)
                .query(Long.class)
                .single();
    }

    private static Object failingSince(String endpoint) {
        return database.jdbc()
                .sql("SELECT failing_since FROM query.webhook_endpoint_progress WHERE endpoint_id = ?")
                .param(endpoint)
                .query((row, n) -> row.getTimestamp(1))
                .optional()
                .orElse(null);
    }

    private static String status(String delivery) {
        return database.jdbc()
                .sql("SELECT status FROM query.webhook_deliveries WHERE id = ?")
                .param(delivery)
                .query(String.class)
                .single();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new String(Base64.getEncoder().encode(key), StandardCharsets.US_ASCII);
    }
}
