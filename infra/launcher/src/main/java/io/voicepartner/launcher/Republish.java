package io.voicepartner.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes the event store to Kafka again from a global index, for consumers that lost data and for the
 * broker of {@code ./run}, which keeps its topics only while it runs: {@code infra/scripts/republish <from>}.
 *
 * <p>It moves the {@code kafka-publisher}'s token back to just before that index and claims it for itself,
 * in one statement. The command side that was publishing finds its claim taken at its next batch or claim
 * extension (within a second when idle) and gives the segment up, without storing its own position; once
 * this claim expires, which nobody extends (Axon's claim timeout, 10 s), a command side claims the segment
 * again and reads the moved token: the one publisher then sends every event from there, in store order,
 * with the envelope and headers of the first time, and goes on with new events after them. (Taking the
 * claim away without claiming it would not do: the owner would claim it back and keep its position.) A
 * stopped platform starts from there. Consumers get each event once more; the query side's projections skip what they hold
 * by its revision, so its read models do not change. Then it follows the publisher until it has passed the
 * end of the store as it was, printing how far it got.
 *
 * <p>Refused for an index that is negative or past the end of the store, and before the publisher has
 * ever run on the database. With the environment of {@code ./run}: {@code DATABASE_URL}.
 */
public final class Republish {

    static final String PUBLISHER = "kafka-publisher";
    /** The owner the token is claimed for while it is moved; no command side is called so. */
    static final String OWNER = "infra/scripts/republish";

    private static final String TOKEN_TYPE = "org.axonframework.eventhandling.GapAwareTrackingToken";
    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(-?\\d+)");
    private static final Pattern CURRENT_TOKEN = Pattern.compile("\"currentToken\"\\s*:\\s*(null|\\{[^}]*\\})");
    /** How long after the move a command side should have claimed the token (Axon's claim timeout, and some). */
    private static final Duration UNCLAIMED_TIMEOUT = Duration.ofSeconds(30);
    /** How long the publisher may stand still before this command stops following it. */
    private static final Duration STALLED_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration FOLLOW_EVERY = Duration.ofSeconds(1);

    /** Why nothing was moved. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    record Token(OptionalLong position, String owner) {}

    private final Map<String, String> environment;
    private final PrintStream out;

    Republish(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            if (args.length != 1) {
                throw new Refused("name the global index to publish from: infra/scripts/republish <from> (0: all)");
            }
            long from;
            try {
                from = Long.parseLong(args[0]);
            } catch (NumberFormatException e) {
                throw new Refused("the global index to publish from is a number, not " + args[0]);
            }
            new Republish(System.getenv(), System.out).run(from);
        } catch (Refused refused) {
            System.err.println("Republish refused: " + refused.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("Republish failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** @return whether a running command side published up to the end of the store as it was */
    boolean run(long from) {
        if (from < 0) {
            throw new Refused("a global index is 0 or more, not " + from);
        }
        try (Connection database = PlatformDatabase.connect(environment, out)) {
            long[] range = storeRange(database);
            if (from > range[1]) {
                throw new Refused(
                        "the event store ends at global index " + range[1] + ": nothing to publish from " + from);
            }
            move(database, from <= range[0] ? null : from - 1);
            out.println("Republishing from global index " + Math.max(from, range[0]) + " to " + range[1] + " ("
                    + count(database, from) + " events): the publisher's token is moved back");
            return follow(database, from, range[1]);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** The lowest and highest global index in the store. */
    private static long[] storeRange(Connection database) throws SQLException {
        try (PreparedStatement select = database.prepareStatement(
                        "SELECT min(global_index), max(global_index) FROM command.domain_event_entry");
                ResultSet range = select.executeQuery()) {
            range.next();
            if (range.getObject(2) == null) {
                throw new Refused("the event store is empty: there is nothing to publish");
            }
            return new long[] {range.getLong(1), range.getLong(2)};
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new Refused("the platform has never started on this database: there is no event store");
            }
            throw e;
        }
    }

    private static long count(Connection database, long from) throws SQLException {
        try (PreparedStatement select =
                database.prepareStatement("SELECT count(*) FROM command.domain_event_entry WHERE global_index >= ?")) {
            select.setLong(1, from);
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /**
     * @param position the last index to count as published; {@code null}: none (Axon's token for "from the
     *                 start of the store")
     */
    private static void move(Connection database, Long position) throws SQLException {
        try (PreparedStatement update = database.prepareStatement("UPDATE command.token_entry SET token = ?, "
                + "token_type = ?, owner = ?, timestamp = ? WHERE processor_name = ? AND segment = 0")) {
            update.setBytes(
                    1,
                    position == null
                            ? null
                            : ("{\"index\":" + position + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8));
            update.setString(2, position == null ? null : TOKEN_TYPE);
            update.setString(3, OWNER);
            update.setString(4, Instant.now().toString());
            update.setString(5, PUBLISHER);
            if (update.executeUpdate() != 1) {
                throw new Refused("the publisher has never run on this database: when it first runs, it publishes"
                        + " the whole store");
            }
        }
    }

    private boolean follow(Connection database, long from, long end) throws SQLException {
        Instant moved = Instant.now();
        Instant movedOn = moved;
        long shown = Long.MIN_VALUE;
        while (true) {
            Token token = token(database);
            long position = token.position().orElse(from - 1);
            if (position != shown) {
                if (token.position().isPresent()) {
                    out.printf("  published up to global index %,d of %,d%n", Math.min(position, end), end);
                }
                shown = position;
                movedOn = Instant.now();
            }
            if (position >= end) {
                out.println("Republish done: every event up to global index " + end + " is on Kafka again");
                return true;
            }
            if (OWNER.equals(token.owner()) && Instant.now().isAfter(moved.plus(UNCLAIMED_TIMEOUT))) {
                out.println("No command side is publishing: it publishes from global index " + from
                        + " when the platform starts");
                return false;
            }
            if (Instant.now().isAfter(movedOn.plus(STALLED_TIMEOUT))) {
                out.println("The publisher has not moved for " + STALLED_TIMEOUT.toSeconds() + " s (is Kafka away?):"
                        + " it goes on from global index " + position + " by itself");
                return false;
            }
            pause();
        }
    }

    static Token token(Connection database) throws SQLException {
        try (PreparedStatement select = database.prepareStatement(
                "SELECT token, owner FROM command.token_entry " + "WHERE processor_name = ? AND segment = 0")) {
            select.setString(1, PUBLISHER);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Token(position(row.getBytes(1)), row.getString(2));
            }
        }
    }

    /**
     * How far a token says the publisher got. A publisher that starts without a token over a store that has events
     * gets a replay token ({@code tokenAtReset}, the end it replays to, and {@code currentToken}, where it is, null
     * before its first batch): its position is the current one.
     */
    static OptionalLong position(byte[] token) {
        Matcher replay = CURRENT_TOKEN.matcher(token == null ? "" : new String(token, StandardCharsets.UTF_8));
        String current =
                replay.find() ? replay.group(1) : token == null ? "" : new String(token, StandardCharsets.UTF_8);
        Matcher index = INDEX.matcher(current);
        return index.find() ? OptionalLong.of(Long.parseLong(index.group(1))) : OptionalLong.empty();
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(FOLLOW_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
