package io.voicepartner.query.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code ?as_of=} and {@code ?revision=} on a resource's read: its state as it was then, from the history
 * read model (the state recorded after the event that was latest then). The feature completes it into its
 * view: relations and the platform's own counters are those of today.
 */
@Component
public class PointInTime {

    public static final String AS_OF = "as_of";
    public static final String REVISION = "revision";

    private final HistoryRows rows;

    PointInTime(HistoryRows rows) {
        this.rows = rows;
    }

    /**
     * @param what the resource's name in messages, e.g. {@code "Assistant"}
     * @return empty if neither parameter was sent; otherwise the resource's fields then, with {@code id},
     * {@code organization_id}, {@code created_by}, {@code revision}, {@code created_at} and {@code updated_at}
     * @throws ApiException 400 naming a bad parameter (or both, sent together), 404 saying why there is no state
     */
    public Optional<ObjectNode> state(
            AggregateType type, String what, String ownerId, String id, String asOf, String revision) {
        if (asOf == null && revision == null) {
            return Optional.empty();
        }
        if (asOf != null && revision != null) {
            throw ApiException.invalid(AS_OF, "cannot be combined with revision: ask for one point in time");
        }
        Instant at = asOf == null ? null : instant(asOf);
        long wanted = revision == null ? 0 : revision(revision);
        if (!rows.exists(type, ownerId, id)) {
            throw ApiException.notFound(what, id);
        }
        HistoryRows.Snapshot first = rows.first(id);
        HistoryRows.Snapshot then;
        if (at != null) {
            then = rows.asOf(type, ownerId, id, at)
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.NOT_FOUND,
                            what + " '" + id + "' did not exist yet at " + at + " (it was created at "
                                    + first.occurredAt() + ")."));
        } else {
            then = rows.atRevision(type, ownerId, id, wanted)
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.NOT_FOUND,
                            what + " '" + id + "' has no revision " + wanted + " (its latest is "
                                    + rows.latestRevision(id) + ")."));
        }
        if (then.deleted()) {
            throw new ApiException(
                    ErrorCode.NOT_FOUND,
                    what + " '" + id + "' was deleted at that point (revision " + then.revision() + ").");
        }
        return Optional.of(HistoryRows.asRead(
                then.state(), id, ownerId, first.actor(), first.occurredAt(), then.revision(), then.occurredAt()));
    }

    /** RFC 3339: a {@code Z} or an offset; a {@code +} the query string turned into a space is taken back. */
    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(AS_OF, "must be an RFC 3339 timestamp, e.g. 2026-01-15T10:30:00Z");
        }
    }

    private static long revision(String value) {
        try {
            long revision = Long.parseLong(value.trim());
            if (revision >= 1) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid(REVISION, "must be a revision number (1 or more)");
    }
}
