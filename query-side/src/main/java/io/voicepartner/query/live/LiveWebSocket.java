package io.voicepartner.query.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.query.event.EventFeed;
import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.OrganizationAccess;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.TokenAuthentication;
import io.voicepartner.support.web.ApiException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /api/live}: the organization's events over a WebSocket, the same as {@code GET /api/events/stream}. The
 * caller is authenticated like every route, by the {@code Authorization} header of the upgrade request (and
 * {@code X-Organization-Id}); a browser, which cannot set headers, sends instead as its first message
 * {@code {"token": "…", "organization_id": "…"}} (the organization optional) within 10 s. {@code ?after=<cursor>}
 * resumes after an event; a cursor whose last event a restore lost is refused with the code {@code gone} (ADR 0041). Messages are JSON: {@code {"type": "ready", "cursor"}}, then
 * {@code {"type": "event", "cursor", "event"}} per event, {@code {"type": "heartbeat"}}, and before the node closes the
 * socket {@code {"type": "error" | "disconnect", "code" | "reason", "message"}}.
 */
class LiveWebSocket extends TextWebSocketHandler {

    /** The close code for a refusal (authentication, permission, a bad cursor): the client's to fix. */
    static final CloseStatus REFUSED = new CloseStatus(4400, "refused");
    /** The close code of a client too slow for its events. */
    static final CloseStatus SLOW = new CloseStatus(4408, LiveFeed.SLOW_CONSUMER);

    private static final String SUBSCRIBER = "subscriber";
    private static final String AFTER = "after";
    private static final long FIRST_MESSAGE_SECONDS = 10;

    private final LiveFeed live;
    private final LiveMessages messages;
    private final TokenAuthentication tokens;
    private final OrganizationAccess access;
    private final LiveSettings settings;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-websocket-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    LiveWebSocket(
            LiveFeed live,
            LiveMessages messages,
            TokenAuthentication tokens,
            OrganizationAccess access,
            LiveSettings settings) {
        this.live = live;
        this.messages = messages;
        this.tokens = tokens;
        this.access = access;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        Object principal = session.getAttributes().get(LiveHandshake.PRINCIPAL);
        if (principal != null) {
            start(session, principal, (String) session.getAttributes().get(LiveHandshake.ORGANIZATION));
            return;
        }
        var unused = deadlines.schedule(
                () -> {
                    if (session.isOpen() && !session.getAttributes().containsKey(SUBSCRIBER)) {
                        refuse(
                                session,
                                "unauthorized",
                                "Send {\"token\": \"…\"} as the first message within " + FIRST_MESSAGE_SECONDS
                                        + " s, or the Authorization header with the upgrade.");
                    }
                },
                FIRST_MESSAGE_SECONDS,
                TimeUnit.SECONDS);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        if (session.getAttributes().containsKey(SUBSCRIBER)) {
            // the stream only speaks; what a subscribed client says is ignored
            return;
        }
        JsonNode first;
        try {
            first = messages.objectMapper().readTree(message.getPayload());
        } catch (IOException e) {
            refuse(session, "validation_failed", "The first message must be JSON: {\"token\": \"…\"}.");
            return;
        }
        String token = first.path("token").asText("");
        if (token.isBlank()) {
            refuse(session, "unauthorized", "The first message must carry a token: {\"token\": \"…\"}.");
            return;
        }
        Authentication authentication;
        try {
            authentication = tokens.authenticate(token.trim());
        } catch (AuthenticationException e) {
            refuse(session, "unauthorized", "A valid bearer token is required.");
            return;
        }
        JsonNode organization = first.path("organization_id");
        start(session, authentication.getPrincipal(), organization.isTextual() ? organization.asText() : null);
    }

    private void start(WebSocketSession session, Object principal, String organizationId) throws IOException {
        Caller caller;
        FeedCursor after;
        try {
            caller = access.admit(principal, organizationId, Permission.READ);
            after = after(session.getUri());
        } catch (ApiException e) {
            refuse(session, e.code().wireName(), e.getMessage());
            return;
        }
        WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(
                session, (int) settings.sendTimeout().toMillis(), 4 * 1024 * 1024);
        Subscriber subscriber;
        try {
            subscriber = live.subscribe(caller.organizationId(), after, new WebSocketSink(concurrent));
        } catch (EventFeed.CursorGone e) {
            refuse(session, ErrorCode.GONE.wireName(), AFTER + ": " + e.getMessage());
            return;
        }
        session.getAttributes().put(SUBSCRIBER, subscriber);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(SUBSCRIBER) instanceof Subscriber subscriber) {
            live.unsubscribe(subscriber);
        }
    }

    private static FeedCursor after(URI uri) {
        if (uri == null) {
            return null;
        }
        List<String> values =
                UriComponentsBuilder.fromUri(uri).build().getQueryParams().get(AFTER);
        String value = values == null || values.isEmpty() ? null : values.get(0);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return FeedCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(AFTER, e.getMessage());
        }
    }

    private void refuse(WebSocketSession session, String code, String message) {
        try {
            session.sendMessage(new TextMessage(messages.message("error", Map.of("code", code, "message", message))));
            session.close(REFUSED.withReason(code));
        } catch (IOException | IllegalStateException e) {
            // the client left first
        }
    }

    /** One socket's messages. */
    private final class WebSocketSink implements Sink {

        private final WebSocketSession session;

        WebSocketSink(WebSocketSession session) {
            this.session = session;
        }

        @Override
        public void ready(FeedCursor cursor) throws IOException {
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("cursor", cursor == null ? null : cursor.encode());
            session.sendMessage(new TextMessage(messages.message("ready", ready)));
        }

        @Override
        public void event(FeedCursor cursor, PublicEvent event) throws IOException {
            session.sendMessage(new TextMessage(messages.message(
                    "event",
                    Map.of(
                            "cursor",
                            cursor.encode(),
                            "event",
                            messages.objectMapper().valueToTree(event)))));
        }

        @Override
        public void heartbeat() throws IOException {
            session.sendMessage(new TextMessage(messages.message("heartbeat", Map.of())));
        }

        @Override
        public void close(String reason, String message) {
            try {
                session.sendMessage(
                        new TextMessage(messages.message("disconnect", Map.of("reason", reason, "message", message))));
            } catch (IOException | IllegalStateException e) {
                // the client is gone, or stuck: the close is all it gets
            }
            try {
                session.close(LiveFeed.SLOW_CONSUMER.equals(reason) ? SLOW : CloseStatus.GOING_AWAY.withReason(reason));
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
