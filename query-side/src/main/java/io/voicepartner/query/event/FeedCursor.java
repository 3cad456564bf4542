package io.voicepartner.query.event;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A place in the feed: after the row of {@code position} written by transaction {@code transactionId}. Rows are
 * served in (transaction, position) order (ADR 0031). Clients hold it as an opaque string ({@link #encode}); it means
 * the same in every organization's feed and in the feed of all of them, and on every query-side node.
 */
public record FeedCursor(long transactionId, long position) implements Comparable<FeedCursor> {

    private static final String PREFIX = "e1.";

    /** The opaque string a client stores: {@code meta.next_cursor}, an SSE event's {@code id}, a message's cursor. */
    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + transactionId + "." + position).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if {@code cursor} is not one {@link #encode} made */
    public static FeedCursor decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                String[] parts = decoded.substring(PREFIX.length()).split("\\.", -1);
                if (parts.length == 2) {
                    long transactionId = Long.parseLong(parts[0]);
                    long position = Long.parseLong(parts[1]);
                    if (transactionId >= 0 && position >= 0) {
                        return new FeedCursor(transactionId, position);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below, NumberFormatException included
        }
        throw new IllegalArgumentException("is not a cursor of the events feed (use meta.next_cursor or an event's id "
                + "as the stream sent it)");
    }

    @Override
    public int compareTo(FeedCursor other) {
        int byTransaction = Long.compare(transactionId, other.transactionId);
        return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
    }
}
