package io.voicepartner.command.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.support.outbound.AddressRange;
import io.voicepartner.support.outbound.EndpointAddresses;
import io.voicepartner.support.outbound.GuardedDnsResolver;
import io.voicepartner.support.outbound.HostResolver;
import io.voicepartner.support.outbound.OutboundSettings;
import io.voicepartner.support.outbound.RefusedEndpoint;
import io.voicepartner.support.security.SecretBox;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Calls a tool's endpoint as an assistant would: its method, its headers and its decrypted credentials, the
 * arguments as JSON (or as the query string for {@code GET} and {@code DELETE}). Only allowed addresses are
 * connected to ({@link GuardedDnsResolver}). Redirects are not followed: a redirect could carry the tool's
 * credentials to another host, so the test shows the {@code 3xx} as the endpoint answered it.
 *
 * <p>A call has one deadline, {@code timeout} after it starts, for connecting, the headers and the body together:
 * a per-read timeout alone let a server that trickles its body a byte at a time hold a call for as long as it
 * liked. At the deadline the connection is closed under the reading thread. Calls hold a request thread and a
 * connection until then, so {@link TestCallSlots} bounds how many run at once, per tenant and in all, and the
 * connection pool is as large as the platform-wide bound, whatever host the calls go to.
 */
@Component
@EnableConfigurationProperties({ToolCallSettings.class, OutboundSettings.class})
class ToolCaller {

    /** What the endpoint answered, or why it did not. */
    record Outcome(Integer statusCode, long latencyMs, String body, boolean bodyTruncated, String error) {

        /** A {@code 2xx} answered in full within the deadline. */
        boolean success() {
            return error == null && statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final CloseableHttpClient client;
    private final GuardedDnsResolver addresses;
    private final SecretBox secrets;
    private final ObjectMapper json;
    private final int maxBodyLength;
    private final Duration deadline;
    private final TestCallSlots slots;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tool-call-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    ToolCaller(
            ToolCallSettings settings,
            OutboundSettings outbound,
            SecretBox secrets,
            ObjectMapper json,
            ObjectProvider<HostResolver> resolver) {
        Timeout timeout = Timeout.of(settings.timeout());
        this.addresses = new GuardedDnsResolver(
                new EndpointAddresses(outbound.allowList()), resolver.getIfAvailable(() -> HostResolver.SYSTEM));
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(addresses)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        // calls to one host get no smaller share than calls to many: the bound is per tenant
                        .setMaxConnTotal(settings.concurrent())
                        .setMaxConnPerRoute(settings.concurrent())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout)
                        .build())
                // a connection is never reused: one kept for a tenant whose grant allows its address would take another
                // tenant's call to the same host past the address check, which only a new connection goes through
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        this.secrets = secrets;
        this.json = json;
        this.maxBodyLength = settings.maxBodyLength();
        this.deadline = settings.timeout();
        this.slots = new TestCallSlots(settings.concurrentPerTenant(), settings.concurrent(), settings.timeout());
    }

    /**
     * @param granted the ranges an operator granted {@code tenant} ({@link OutboundGrants})
     * @throws RefusedEndpoint                if the endpoint's host resolves to an address the platform does not
     *                                        call for {@code tenant}
     * @throws TestCallSlots.TooManyTestCalls if {@code tenant}, or the platform, has as many calls running as it may
     */
    Outcome call(String tenant, ToolConfiguration tool, Map<String, Object> arguments, List<AddressRange> granted)
            throws RefusedEndpoint {
        HttpUriRequestBase request = request(tool, arguments);
        try (TestCallSlots.Slot slot = slots.take(tenant)) {
            AtomicBoolean expired = new AtomicBoolean();
            ScheduledFuture<?> cutOff = deadlines.schedule(
                    () -> {
                        expired.set(true);
                        request.cancel();
                    },
                    deadline.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                return call(request, expired, granted);
            } finally {
                cutOff.cancel(false);
            }
        }
    }

    private Outcome call(HttpUriRequestBase request, AtomicBoolean expired, List<AddressRange> granted)
            throws RefusedEndpoint {
        long started = System.nanoTime();
        ClassicHttpResponse response;
        try (GuardedDnsResolver.Scope scope = addresses.forTenant(granted)) {
            response = client.executeOpen(null, request, null);
        } catch (RefusedEndpoint refused) {
            throw refused;
        } catch (IOException e) {
            return new Outcome(null, elapsedMillis(started), null, false, describe(e, expired, started));
        }
        try {
            Body body = read(response.getEntity());
            return new Outcome(response.getCode(), elapsedMillis(started), body.text(), body.truncated(), null);
        } catch (IOException e) {
            return new Outcome(response.getCode(), elapsedMillis(started), null, false, describe(e, expired, started));
        } finally {
            // the connection is dropped, not drained: the rest of a long body is of no use to anyone
            request.cancel();
            closeAfterCancel(response);
        }
    }

    private static void closeAfterCancel(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // the cancelled connection is gone already; there is nothing left to release
        }
    }

    private HttpUriRequestBase request(ToolConfiguration tool, Map<String, Object> arguments) {
        HttpMethod method = tool.method();
        URI uri = URI.create(QueryCredentials.reveal(tool.endpoint(), tool.secretQueryParameters(), secrets::decrypt));
        if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
            URIBuilder query = new URIBuilder(uri);
            arguments.forEach(
                    (name, value) -> query.addParameter(name, value instanceof String text ? text : asJson(value)));
            uri = build(query);
        }
        HttpUriRequestBase request = new HttpUriRequestBase(method.name(), uri);
        if (method != HttpMethod.GET && method != HttpMethod.DELETE) {
            request.setEntity(new StringEntity(asJson(arguments), ContentType.APPLICATION_JSON));
        }
        tool.headers().forEach(request::setHeader);
        tool.secretHeaders().forEach((name, value) -> request.setHeader(name, secrets.decrypt(value)));
        Map<String, String> settings = tool.authentication().settings();
        Map<String, String> clear = new HashMap<>();
        tool.authentication().secrets().forEach((field, value) -> clear.put(field, secrets.decrypt(value)));
        switch (tool.authentication().type()) {
            case BEARER -> request.setHeader("Authorization", "Bearer " + clear.get("token"));
            case BASIC ->
                request.setHeader(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((settings.get("username") + ":" + clear.get("password"))
                                                .getBytes(StandardCharsets.UTF_8)));
            case API_KEY ->
                request.setHeader(
                        Optional.ofNullable(settings.get(AuthenticationSchemes.HEADER_NAME))
                                .orElse(AuthenticationSchemes.DEFAULT_API_KEY_HEADER),
                        clear.get("api_key"));
            case NONE -> {
                // the endpoint takes no credentials
            }
        }
        return request;
    }

    private static URI build(URIBuilder builder) {
        try {
            return builder.build();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private record Body(String text, boolean truncated) {}

    /** Reads at most one character past the limit, so that a large or endless body costs no more. */
    private Body read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new Body("", false);
        }
        Charset charset = Optional.ofNullable(ContentType.parseLenient(entity.getContentType()))
                .map(ContentType::getCharset)
                .orElse(StandardCharsets.UTF_8);
        // not closed here: closing would read the rest of the body; the caller drops the connection instead
        Reader reader = new InputStreamReader(entity.getContent(), charset);
        char[] buffer = new char[maxBodyLength + 1];
        int length = 0;
        for (int n; length < buffer.length && (n = reader.read(buffer, length, buffer.length - length)) >= 0; ) {
            length += n;
        }
        boolean truncated = length > maxBodyLength;
        return new Body(new String(buffer, 0, Math.min(length, maxBodyLength)), truncated);
    }

    private String asJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * The socket's own timeouts equal the deadline, so on a busy machine a read can time out a moment before the
     * deadline's task runs: a failure at or past the deadline is the deadline's, whichever noticed it first.
     */
    private String describe(IOException e, AtomicBoolean expired, long startedNanos) {
        if (expired.get() || System.nanoTime() - startedNanos >= deadline.toNanos()) {
            return "The endpoint did not answer in full within " + inWords(deadline)
                    + " (TOOL_CALL_TIMEOUT, the deadline of the whole call); the call was cut off.";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String inWords(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
