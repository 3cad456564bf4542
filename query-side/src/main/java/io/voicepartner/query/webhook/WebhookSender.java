package io.voicepartner.query.webhook;

import io.voicepartner.support.outbound.EndpointAddresses;
import io.voicepartner.support.outbound.GuardedDnsResolver;
import io.voicepartner.support.outbound.HostResolver;
import io.voicepartner.support.outbound.OutboundSettings;
import io.voicepartner.support.outbound.RefusedEndpoint;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt of a delivery: a {@code POST} of the body with the Standard Webhooks headers. Only addresses the
 * platform may call are connected to, each checked when the connection is made ({@link GuardedDnsResolver}, the
 * tools' guard, with {@code OUTBOUND_ALLOW_LIST}); redirects are not followed (the receiver's URL is the one its owner
 * wrote). An attempt has one deadline for connecting and the answer's status, at which the connection is closed under
 * the sending thread: no answer within it is a failure. The answer's body is not read.
 */
@Component
@EnableConfigurationProperties({WebhookSettings.class, OutboundSettings.class})
class WebhookSender {

    /** What the endpoint answered, or why it did not. */
    record Outcome(Integer statusCode, long latencyMs, String error) {

        boolean success() {
            return error == null && statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** A signed request: its headers as the specification names them. */
    record Request(String url, String id, long timestampSeconds, String signature, String body) {}

    private final CloseableHttpClient client;
    private final GuardedDnsResolver addresses;
    private final Duration deadline;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookSender(WebhookSettings settings, OutboundSettings outbound, ObjectProvider<HostResolver> resolver) {
        Timeout timeout = Timeout.of(settings.timeout());
        this.deadline = settings.timeout();
        this.addresses = new GuardedDnsResolver(
                new EndpointAddresses(outbound.allowList()), resolver.getIfAvailable(() -> HostResolver.SYSTEM));
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(addresses)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .setMaxConnTotal(settings.concurrency())
                        .setMaxConnPerRoute(settings.concurrency())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout)
                        .build())
                // every connection is new, so that every attempt goes through the address check when it connects
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("VoicePartner-Webhooks/1")
                .build();
    }

    Outcome send(Request request) {
        HttpPost post = new HttpPost(request.url());
        post.setHeader("webhook-id", request.id());
        post.setHeader("webhook-timestamp", Long.toString(request.timestampSeconds()));
        post.setHeader("webhook-signature", request.signature());
        post.setEntity(new StringEntity(request.body(), ContentType.APPLICATION_JSON));
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> cutOff = deadlines.schedule(
                () -> {
                    expired.set(true);
                    post.cancel();
                },
                deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        ClassicHttpResponse response;
        try (GuardedDnsResolver.Scope scope = addresses.forTenant(List.of())) {
            response = client.executeOpen(null, post, null);
        } catch (RefusedEndpoint refused) {
            return new Outcome(null, elapsedMillis(started), "Refused: " + refused.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, elapsedMillis(started), describe(e, expired));
        } finally {
            cutOff.cancel(false);
        }
        Outcome answered = new Outcome(response.getCode(), elapsedMillis(started), null);
        // the body is of no use: the connection is dropped rather than drained
        post.cancel();
        try {
            response.close();
        } catch (IOException e) {
            // the cancelled connection is gone already; there is nothing left to release
        }
        return answered;
    }

    private String describe(Exception e, AtomicBoolean expired) {
        if (expired.get()) {
            return "No answer within " + deadline.toMillis() + " ms; the attempt was cut off.";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
