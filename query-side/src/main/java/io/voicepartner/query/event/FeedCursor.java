package io.voicepartner.query.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A place in the feed: after the row of {@code position} written by transaction {@code transactionId}, in the feed of
 * {@code generation}. Rows are served in (transaction, position) order (ADR 0031); a restore fills a new feed, of a new
 * generation, under other transaction ids, where a cursor of the old one is found again by the id of its last event
 * (ADR 0041). Clients hold it as an opaque string ({@link #encode}); it means the same in every organization's feed and
 * on every query-side node.
 *
 * @param generation    the feed it was issued by; {@code null} for a cursor issued before feeds had generations, taken
 *                      to be of the current one
 * @param eventId       the id of the last event served before it ({@code null} in a cursor issued before generations)
 * @param floor         when the cursor was carried over from another generation: the last event the client had there.
 *                      Events that occurred before it are not served again; {@code null} otherwise
 */
public record FeedCursor(String generation, long transactionId, long position, String eventId, Floor floor) {

    /**
     * The last event a client had in a feed of an earlier generation, by its own time and id: the new feed was filled
     * in another order, so what the client has not had yet is what occurred after it, not what sorts after it.
     */
    public record Floor(Instant occurredAt, String eventId) {}

    /** Before feeds had generations: {@code e1.<transaction>.<position>}. */
    private static final String FIRST = "e1.";
    /** {@code e2.<generation>.<transaction>.<position>.<event id>[.<floor micros>.<floor event id>]}. */
    private static final String SECOND = "e2.";

    private static final Pattern GENERATION = Pattern.compile("[0-9a-f]{1,32}");
    /** Event ids are UUIDs; whatever they are, they never hold the separator. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A cursor of {@code generation} after a row of its feed. */
    static FeedCursor of(String generation, long transactionId, long position, String eventId) {
        return new FeedCursor(generation, transactionId, position, eventId, null);
    }

    /** After another row of the same feed, with the same floor. */
    FeedCursor after(long transactionId, long position, String eventId) {
        return new FeedCursor(generation, transactionId, position, eventId, floor);
    }

    /** Whether it is a cursor of the feed of {@code current}; a cursor issued before generations is. */
    boolean of(String current) {
        return generation == null || generation.equals(current);
    }

    /** The opaque string a client stores: {@code meta.next_cursor}, an SSE event's {@code id}, a message's cursor. */
    public String encode() {
        String plain = generation == null
                ? FIRST + transactionId + "." + position
                : SECOND + generation + "." + transactionId + "." + position + "." + eventId
                        + (floor == null ? "" : "." + micros(floor.occurredAt()) + "." + floor.eventId());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if {@code cursor} is not one {@link #encode} made, in any version */
    public static FeedCursor decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (decoded.startsWith(FIRST)) {
                String[] parts = decoded.substring(FIRST.length()).split("\\.", -1);
                if (parts.length == 2) {
                    return checked(
                            new FeedCursor(null, Long.parseLong(parts[0]), Long.parseLong(parts[1]), null, null));
                }
            } else if (decoded.startsWith(SECOND)) {
                String[] parts = decoded.substring(SECOND.length()).split("\\.", -1);
                if (parts.length == 4 || parts.length == 6) {
                    Floor floor = parts.length == 6
                            ? new Floor(
                                    Instant.EPOCH.plus(Long.parseLong(parts[4]), ChronoUnit.MICROS),
                                    identifier(EVENT_ID, parts[5]))
                            : null;
                    return checked(new FeedCursor(
                            identifier(GENERATION, parts[0]),
                            Long.parseLong(parts[1]),
                            Long.parseLong(parts[2]),
                            identifier(EVENT_ID, parts[3]),
                            floor));
                }
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // refused below, NumberFormatException included
        }
        throw new IllegalArgumentException("is not a cursor of the events feed (use meta.next_cursor or an event's id "
                + "as the stream sent it)");
    }

    private static FeedCursor checked(FeedCursor cursor) {
        if (cursor.transactionId() < 0 || cursor.position() < 0) {
            throw new IllegalArgumentException("negative");
        }
        return cursor;
    }

    private static String identifier(Pattern pattern, String value) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not an identifier");
        }
        return value;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
