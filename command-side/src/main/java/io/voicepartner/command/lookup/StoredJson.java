package io.voicepartner.command.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.support.json.JsonConventions;
import java.io.UncheckedIOException;

/**
 * Configurations the lookups keep as JSON, in the event store's own dialect (snake_case, lenient on unknown fields):
 * what the lookup processor writes reads like the events it was written from, which is also what the migration that
 * back-filled the columns copied out of the stored payloads.
 */
final class StoredJson {

    private static final ObjectMapper JSON =
            JsonConventions.newObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StoredJson() {}

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
