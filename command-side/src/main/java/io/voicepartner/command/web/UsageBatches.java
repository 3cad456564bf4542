package io.voicepartner.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a usage report body: one JSON object, or a JSON array of up to {@code max-batch} of them (413 past
 * it, so that one report stays one bounded append). Every problem of every item is named at once, an item's
 * fields prefixed with its index ({@code [3].duration_ms}). Only the items' shape is checked here; what needs
 * the resource (its owner, when it was created) is checked where the report is recorded.
 */
@Component
public class UsageBatches {

    /** The items of a report, and how their fields are named in a refusal. */
    public record Batch<T>(List<T> items, boolean array) {

        /** A field of the item at {@code index}, named as the client sent it: {@code [3].occurred_at} or {@code occurred_at}. */
        public String field(int index, String name) {
            return array ? "[" + index + "]." + name : name;
        }
    }

    private final JsonRequestReader reader;
    private final int maxBatch;

    UsageBatches(JsonRequestReader reader, @Value("${voicepartner.usage.max-batch:500}") int maxBatch) {
        this.reader = reader;
        this.maxBatch = maxBatch;
    }

    public <T> Batch<T> read(JsonNode body, Class<T> type, Collection<String> required) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "A JSON object or array body is required.");
        }
        boolean array = body.isArray();
        List<JsonNode> items = new ArrayList<>();
        (array ? body.elements() : List.of(body).iterator()).forEachRemaining(items::add);
        if (array && items.isEmpty()) {
            throw ApiException.invalid("[]", "must hold at least one report");
        }
        if (items.size() > maxBatch) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "A report holds at most " + maxBatch + " items; this one holds " + items.size() + ".");
        }
        List<FieldError> errors = new ArrayList<>();
        List<T> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String prefix = array ? "[" + i + "]." : "";
            try {
                read.add(reader.read(items.get(i), type, Map.of(), required, required)
                        .value());
            } catch (ApiException e) {
                if (!array) {
                    throw e;
                }
                if (e.details().isEmpty()) {
                    errors.add(new FieldError("[" + i + "]", e.getMessage()));
                }
                e.details().stream()
                        .map(error -> new FieldError(prefix + error.field(), error.message()))
                        .forEach(errors::add);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Batch<>(read, array);
    }
}
