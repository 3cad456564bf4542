package io.voicepartner.query.live;

import io.voicepartner.query.event.EventFeed;
import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/events/stream}: the organization's events as Server-Sent Events, as they happen, for whoever may read
 * its configuration. Each event's {@code id} is its cursor, so a reconnecting {@code EventSource} resumes after the last
 * one it received ({@code Last-Event-ID}); {@code ?after=} starts after a cursor of the events API; a cursor whose last
 * event a restore lost is a {@code 410} naming the one sent (ADR 0041), and no stream is opened. First comes
 * {@code event: ready} with the cursor it starts after; a comment ({@code : heartbeat}) keeps an idle connection open;
 * {@code event: disconnect} says why the node ends it ({@code slow_consumer}, {@code shutting_down}).
 */
@Requires(Permission.READ)
@RestController
class EventStreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final LiveFeed live;
    private final LiveMessages messages;

    EventStreamController(LiveFeed live, LiveMessages messages) {
        this.live = live;
        this.messages = messages;
    }

    @GetMapping("/api/events/stream")
    SseEmitter stream(
            Caller caller,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            @RequestParam(required = false) String after)
            throws IOException {
        String field = lastEventId != null && !lastEventId.isBlank()
                ? LAST_EVENT_ID
                : after != null && !after.isBlank() ? "after" : null;
        FeedCursor from = field == null ? null : cursor(field, field.equals(LAST_EVENT_ID) ? lastEventId : after);
        // no timeout: heartbeats find a client that went away
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber;
        try {
            subscriber = live.subscribe(caller.organizationId(), from, new SseSink(emitter));
        } catch (EventFeed.CursorGone e) {
            throw e.refusal(field);
        }
        emitter.onCompletion(() -> live.unsubscribe(subscriber));
        emitter.onTimeout(() -> live.unsubscribe(subscriber));
        emitter.onError(failure -> live.unsubscribe(subscriber));
        return emitter;
    }

    private static FeedCursor cursor(String name, String value) {
        try {
            return FeedCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, e.getMessage());
        }
    }

    /** One response's events; {@link SseEmitter} serializes the writes of several threads itself. */
    private final class SseSink implements Sink {

        private final SseEmitter emitter;

        SseSink(SseEmitter emitter) {
            this.emitter = emitter;
        }

        @Override
        public void ready(FeedCursor cursor) throws IOException {
            SseEmitter.SseEventBuilder ready = SseEmitter.event().name("ready").data(messages.ready(cursor));
            emitter.send(cursor == null ? ready : ready.id(cursor.encode()));
        }

        @Override
        public void event(FeedCursor cursor, PublicEvent event) throws IOException {
            emitter.send(SseEmitter.event().id(cursor.encode()).data(messages.event(event)));
        }

        @Override
        public void heartbeat() throws IOException {
            emitter.send(SseEmitter.event().comment("heartbeat"));
        }

        @Override
        public void close(String reason, String message) {
            try {
                emitter.send(SseEmitter.event().name("disconnect").data(messages.disconnect(reason, message)));
            } catch (IOException | IllegalStateException e) {
                // the client is gone, or stuck: the end of the response is all it gets
            }
            emitter.complete();
        }
    }
}
