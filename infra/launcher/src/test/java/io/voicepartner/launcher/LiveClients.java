package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Clients of the live streams as a program would write them from their specifications: an EventSource's reading of
 * {@code text/event-stream} (fields up to a blank line; comments ignored), and a WebSocket that reads JSON messages.
 * Each hands what it received to the test through a queue, taken with a bounded wait.
 */
final class LiveClients {

    /** How long a test waits for one message before it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LiveClients() {}

    /** One server-sent event: its id, its name ({@code message} when it has none) and its data. */
    record ServerSentEvent(String id, String name, String data) {

        JsonNode json() {
            try {
                return Api.JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An open {@code GET /api/events/stream}. */
    static final class EventStream implements AutoCloseable {

        private final BlockingQueue<ServerSentEvent> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;
        /** Reads the lines as they come, until the stream ends. */
        private final CompletableFuture<Void> reading;

        private EventStream(HttpRequest request) {
            response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            reading = response.thenAcceptAsync(answer -> {
                Map<String, String> fields = new LinkedHashMap<>();
                StringBuilder data = new StringBuilder();
                answer.body().forEach(line -> {
                    if (line.isEmpty()) {
                        if (data.length() > 0 || fields.containsKey("event")) {
                            received.add(new ServerSentEvent(
                                    fields.get("id"), fields.getOrDefault("event", "message"), data.toString()));
                        }
                        fields.clear();
                        data.setLength(0);
                    } else if (!line.startsWith(":")) {
                        int colon = line.indexOf(':');
                        String name = colon < 0 ? line : line.substring(0, colon);
                        String value = colon < 0 ? "" : line.substring(colon + 1);
                        value = value.startsWith(" ") ? value.substring(1) : value;
                        if (name.equals("data")) {
                            data.append(data.length() > 0 ? "\n" : "").append(value);
                        } else {
                            fields.put(name, value);
                        }
                    }
                });
            });
        }

        int status() {
            return response.join().statusCode();
        }

        /** The next event but heartbeats; fails the test after {@link #PATIENCE}. */
        ServerSentEvent next() {
            try {
                ServerSentEvent event = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(event).as("a server-sent event within " + PATIENCE).isNotNull();
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** What has arrived and not been taken yet. */
        int waiting() {
            return received.size();
        }

        @Override
        public void close() {
            var unused = response.thenAccept(answer -> answer.body().close());
            reading.cancel(true);
        }
    }

    /**
     * Opens the stream as {@code caller} (its headers, the bearer token among them) after {@code lastEventId}, if
     * not {@code null}, and waits for its {@code ready} event.
     */
    static EventStream stream(String baseUrl, Map<String, String> headers, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/events/stream"))
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        EventStream stream = new EventStream(request.build());
        ServerSentEvent ready = stream.next();
        assertThat(ready.name()).isEqualTo("ready");
        return stream;
    }

    /** An open {@code /api/live}. */
    static final class LiveSocket implements WebSocket.Listener, AutoCloseable {

        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(Api.JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        void send(Object message) {
            try {
                socket.sendText(Api.JSON.writeValueAsString(message), true).join();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next message but heartbeats; fails the test after {@link #PATIENCE}. */
        JsonNode next() {
            try {
                while (true) {
                    JsonNode message = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(message).as("a message within " + PATIENCE).isNotNull();
                    if (!"heartbeat".equals(message.path("type").asText())) {
                        return message;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        int waiting() {
            return received.size();
        }

        /** The close code the platform closed the socket with. */
        int closedWith() {
            return closed.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    /**
     * Connects to {@code /api/live} ({@code query}: {@code ?after=…} or empty) with the given upgrade headers; a
     * browser can send none, and authenticates with its first message instead.
     */
    static LiveSocket socket(String baseUrl, Map<String, String> headers, String query) {
        LiveSocket listener = new LiveSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        listener.socket = builder.buildAsync(
                        URI.create(baseUrl.replace("http://", "ws://") + "/api/live" + query), listener)
                .join();
        return listener;
    }
}
