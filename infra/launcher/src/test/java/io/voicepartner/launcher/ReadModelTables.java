package io.voicepartner.launcher;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models' tables of a test platform, row by row, through the platform's own connection pool
 * (the test PostgreSQL is shared and has few connections to spare).
 */
final class ReadModelTables {

    static final List<String> TABLES = List.of(
            "assistants",
            "assistant_tools",
            "assistant_files",
            "tools",
            "files",
            "phone_numbers",
            "users",
            "organizations",
            "organization_members",
            "organization_invitations",
            "api_keys",
            "audit_log",
            // a rebuild folds the history in memory (ADR 0044): its rows are compared like every other table's
            "history");
    private static final List<String> TOPICS = List.of(
            "voicepartner.assistants",
            "voicepartner.tools",
            "voicepartner.files",
            "voicepartner.phone-numbers",
            "voicepartner.users",
            "voicepartner.organizations",
            "voicepartner.usage",
            "voicepartner.sign-ins");

    private final JdbcTemplate jdbc;

    ReadModelTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every row of every read-model table as JSON, in a stable order. */
    Map<String, List<String>> snapshot() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(
                    table, strings("SELECT CAST(row_to_json(t) AS text) AS row FROM query." + table + " t ORDER BY 1"));
        }
        return rows;
    }

    /**
     * Every row one user's requests made, in every read-model table, as JSON in a stable order. Other tests
     * seed some read-model rows by hand, with no event behind them, which a rebuild rightly does not bring
     * back: the whole tables are not what the events say.
     */
    Map<String, List<String>> snapshotOf(String userId) {
        Map<String, String> conditions = Map.of(
                "assistant_tools", "assistant_id IN (SELECT id FROM query.assistants WHERE owner_id = ?)",
                "assistant_files", "assistant_id IN (SELECT id FROM query.assistants WHERE owner_id = ?)",
                "users", "id = ?",
                // the user's personal organization, whose id is theirs
                "organizations", "id = ?",
                "organization_members", "organization_id = ?",
                "organization_invitations", "organization_id = ?",
                "api_keys", "organization_id = ?",
                "audit_log", "organization_id = ?");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(
                    table,
                    new ArrayList<>(jdbc.queryForList(
                            "SELECT CAST(row_to_json(t) AS text) AS row FROM query." + table + " t WHERE "
                                    + conditions.getOrDefault(table, "owner_id = ?") + " ORDER BY 1",
                            String.class,
                            userId)));
        }
        return rows;
    }

    /** Waits (bounded) until the query side has consumed every record now on the platform's topics. */
    static void awaitConsumed(String kafkaBootstrapServers) {
        TopicReader topics = new TopicReader(kafkaBootstrapServers);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (String topic : TOPICS) {
                if (!consumed(topics, topic)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static boolean consumed(TopicReader topics, String topic) throws InterruptedException {
        try {
            // usage has a consumer group of its own, so that it never delays configuration
            return topics.consumedEverything(
                    topic.equals("voicepartner.usage") ? "voicepartner-query-side-usage" : "voicepartner-query-side",
                    topic);
        } catch (ExecutionException e) {
            return false;
        }
    }

    List<String> strings(String sql) {
        return new ArrayList<>(jdbc.queryForList(sql, String.class));
    }

    void execute(String sql) {
        jdbc.execute(sql);
    }

    /** The environment of the operators' commands for a platform: its database, credentials in the URL. */
    static Map<String, String> environment(TestInfrastructure.Database database) {
        String url = database.jdbcUrl();
        return Map.of(
                "DATABASE_URL",
                url + (url.contains("?") ? "&" : "?") + "user=" + database.username()
                        + (database.password().isEmpty() ? "" : "&password=" + database.password()));
    }
}
