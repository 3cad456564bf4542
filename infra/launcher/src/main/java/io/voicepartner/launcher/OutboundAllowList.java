package io.voicepartner.launcher;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The address ranges an operator grants one tenant beyond the public internet, for its on-premise tools (ADR 0025):
 *
 * <pre>
 * infra/scripts/outbound-allow-list grant  &lt;user-id&gt; &lt;cidr&gt;   # 10.20.0.0/16, fd00:1::/64, 10.20.0.7
 * infra/scripts/outbound-allow-list revoke &lt;user-id&gt; &lt;cidr&gt;
 * infra/scripts/outbound-allow-list list   [user-id]
 * </pre>
 *
 * Only an operator does this, never the API: a tenant that could would open the platform's own network to itself.
 * A grant takes effect on the tenant's next call, without a restart. With the environment of {@code ./run}:
 * {@code DATABASE_URL}.
 */
public final class OutboundAllowList {

    private static final String USAGE =
            "usage: outbound-allow-list grant|revoke <user-id> <cidr> | " + "outbound-allow-list list [user-id]";

    /** Why nothing was changed. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Connection database;
    private final PrintStream out;

    OutboundAllowList(Connection database, PrintStream out) {
        this.database = database;
        this.out = out;
    }

    // the resource closed is the connection; it only prints through System.out
    @SuppressWarnings("ClosingStandardOutputStreams")
    public static void main(String[] args) throws SQLException {
        Map<String, String> environment = System.getenv();
        try (Connection database = PlatformDatabase.connect(environment, System.out)) {
            new OutboundAllowList(database, System.out).run(args);
        } catch (Refused refused) {
            System.err.println(refused.getMessage());
            System.exit(2);
        }
    }

    void run(String... args) throws SQLException {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "grant" -> {
                requireArguments(args, 3);
                grant(args[1], cidr(args[2]));
            }
            case "revoke" -> {
                requireArguments(args, 3);
                revoke(args[1], cidr(args[2]));
            }
            case "list" -> {
                if (args.length > 2) {
                    throw new Refused(USAGE);
                }
                list(args.length == 2 ? args[1] : null);
            }
            default -> throw new Refused(USAGE);
        }
    }

    private void grant(String userId, String cidr) throws SQLException {
        try (PreparedStatement user =
                database.prepareStatement("SELECT 1 FROM command.user_credentials WHERE user_id = ?")) {
            user.setString(1, userId);
            try (ResultSet found = user.executeQuery()) {
                if (!found.next()) {
                    throw new Refused("No user " + userId + ": grant a range to the id of a user who signed up");
                }
            }
        }
        try (PreparedStatement insert = database.prepareStatement(
                "INSERT INTO command.outbound_allow_list " + "(user_id, cidr) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, userId);
            insert.setString(2, cidr);
            out.println(
                    insert.executeUpdate() == 1
                            ? "Granted " + cidr + " to " + userId
                            : userId + " had " + cidr + " already");
        }
    }

    private void revoke(String userId, String cidr) throws SQLException {
        try (PreparedStatement delete =
                database.prepareStatement("DELETE FROM command.outbound_allow_list WHERE user_id = ? AND cidr = ?")) {
            delete.setString(1, userId);
            delete.setString(2, cidr);
            out.println(
                    delete.executeUpdate() == 1
                            ? "Revoked " + cidr + " from " + userId
                            : userId + " had no grant of " + cidr);
        }
    }

    private void list(String userId) throws SQLException {
        try (PreparedStatement select = database.prepareStatement("SELECT user_id, cidr, granted_at "
                + "FROM command.outbound_allow_list WHERE ? IS NULL OR user_id = ? ORDER BY user_id, cidr")) {
            select.setString(1, userId);
            select.setString(2, userId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    out.println(row.getString("user_id") + " " + row.getString("cidr") + " granted "
                            + row.getTimestamp("granted_at").toInstant());
                }
            }
        }
    }

    private static void requireArguments(String[] args, int count) {
        if (args.length != count) {
            throw new Refused(USAGE);
        }
    }

    /**
     * The range as the platform reads it back: an address literal (never a name, which could resolve anywhere
     * later) with its prefix, the host bits cleared, so that one range has one spelling to revoke.
     */
    static String cidr(String given) {
        int slash = given.indexOf('/');
        String literal = slash < 0 ? given : given.substring(0, slash);
        if (!literal.matches("[0-9a-fA-F:.]+") || !(literal.contains(":") || literal.matches("[0-9.]+"))) {
            throw new Refused(given + " is not an address range (a literal with an optional prefix: 10.20.0.0/16)");
        }
        byte[] network;
        try {
            network = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new Refused(given + " is not an address range: " + e.getMessage());
        }
        int prefix;
        try {
            prefix = slash < 0 ? network.length * 8 : Integer.parseInt(given.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new Refused(given + " has no prefix length after its /");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new Refused(given + " has a prefix length outside 0-" + network.length * 8);
        }
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address's own bytes are an address", e);
        }
    }
}
