package io.voicepartner.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.query.event.FeedCursor;
import io.voicepartner.query.event.PublicEvent;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The JSON both live channels send, in the platform's conventions: the public event as the events API shows it. */
@Component
class LiveMessages {

    private final ObjectMapper objectMapper;

    LiveMessages(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    String event(PublicEvent event) {
        return json(event);
    }

    /** {@code {"cursor": …}}: where a stream starts ({@code null} before the first event of an empty feed). */
    String ready(FeedCursor cursor) {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("cursor", cursor == null ? null : cursor.encode());
        return json(ready);
    }

    /** {@code {"reason": …, "message": …}}: why the stream ends. */
    String disconnect(String reason, String message) {
        return json(Map.of("reason", reason, "message", message));
    }

    /** A WebSocket message: {@code {"type": …}} and the fields given. */
    String message(String type, Map<String, ?> fields) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.putAll(fields);
        return json(message);
    }

    ObjectMapper objectMapper() {
        return objectMapper;
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
