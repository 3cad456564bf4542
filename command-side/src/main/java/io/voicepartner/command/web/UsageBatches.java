package io.voicepartner.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a usage report body: one JSON object, or a JSON array of up to {@code max-batch} of them (413 past
 * it, so that one report stays one bounded append). Every problem of every item is named at once, an item's
 * fields prefixed with its index ({@code [3].duration_ms}).
 */
@Component
public class UsageBatches {

    /** How far ahead of the server's clock a reported time may be: reporters' clocks drift a little. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final JsonRequestReader reader;
    private final Clock clock;
    private final int maxBatch;

    UsageBatches(JsonRequestReader reader, @Value("${voicepartner.usage.max-batch:500}") int maxBatch) {
        this.reader = reader;
        this.clock = Clock.systemUTC();
        this.maxBatch = maxBatch;
    }

    /**
     * @param occurredAt reads the item's reported time, which must not lie in the future
     */
    public <T, R> List<R> read(JsonNode body, Class<T> type, Collection<String> required, Function<T, Instant> occurredAt,
                               Function<T, R> toItem) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "A JSON object or array body is required.");
        }
        boolean batch = body.isArray();
        List<JsonNode> items = new ArrayList<>();
        (batch ? body.elements() : List.of(body).iterator()).forEachRemaining(items::add);
        if (batch && items.isEmpty()) {
            throw ApiException.invalid("[]", "must hold at least one report");
        }
        if (items.size() > maxBatch) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "A report holds at most " + maxBatch + " items; this one holds " + items.size() + ".");
        }
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        List<FieldError> errors = new ArrayList<>();
        List<R> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String prefix = batch ? "[" + i + "]." : "";
            try {
                T item = reader.read(items.get(i), type, Map.of(), required, required).value();
                if (occurredAt.apply(item).isAfter(latest)) {
                    errors.add(new FieldError(prefix + "occurred_at", "must not be in the future"));
                } else {
                    read.add(toItem.apply(item));
                }
            } catch (ApiException e) {
                if (!batch) {
                    throw e;
                }
                if (e.details().isEmpty()) {
                    errors.add(new FieldError("[" + i + "]", e.getMessage()));
                }
                e.details().stream().map(error -> new FieldError(prefix + error.field(), error.message()))
                        .forEach(errors::add);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return read;
    }
}
