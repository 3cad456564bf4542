package io.voicepartner.query.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.consuming.RevisionedTable;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.query.web.PageRelations;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code query.tools} table. Every write is guarded by the row's revision, which makes it idempotent.
 * Credentials are stored as their mask only, so the read side never holds even their ciphertext. A read
 * answers each tool with the assistants using it ({@code query.assistant_tools}).
 */
@Repository
class ToolRows {

    /** What a response shows in place of a credential, followed by its last four characters if it has them. */
    private static final String MASK = "••••";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> JSON_STRINGS = new TypeReference<>() {};
    private static final String SELECT =
            "SELECT t.id, t.owner_id, t.created_by, t.name, t.description, t.endpoint, t.method, "
                    + "t.category, t.parameters, t.headers, t.authentication, t.is_active, "
                    + "COALESCE(u.total_calls, 0) AS total_calls, u.last_used, "
                    + "CAST(u.total_duration_ms AS double precision) / NULLIF(u.total_calls, 0) AS avg_response_time, "
                    + "t.revision, t.created_at, t.updated_at";
    /** A tool with its usage counters, kept beside it (ADR 0017). */
    private static final String FROM = "query.tools t LEFT JOIN query.tool_usage u ON u.tool_id = t.id";
    /**
     * The live assistants that use a page of tools, each tool's oldest first. Only the tool's owner can assign
     * it; the owner condition still keeps any other user's assistant from ever being named.
     */
    private static final String USED_BY = "SELECT uses.tool_id, a.id, a.name FROM query.assistant_tools uses "
            + "JOIN query.assistants a ON a.id = uses.assistant_id AND a.owner_id = ? AND a.deleted_at IS NULL "
            + "WHERE uses.tool_id = ANY(?) ORDER BY uses.tool_id, a.id";

    /** Filters of the list route; {@code null} means "any". */
    record Filter(String category, Boolean isActive, String nameContains) {}

    private final JdbcClient jdbc;
    private final RevisionedTable table;
    private final ObjectMapper objectMapper;

    ToolRows(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.table = new RevisionedTable(jdbc, "tools");
        this.objectMapper = objectMapper;
    }

    /** @return false if the row exists already (a redelivery) */
    boolean insert(String id, String ownerId, String createdBy, ToolConfiguration c, long revision, Instant at) {
        Map<String, Object> row = ProjectedTable.row(
                "id", id, "owner_id", ownerId, "created_by", createdBy == null ? ownerId : createdBy);
        row.putAll(configurationColumns(c));
        row.putAll(ProjectedTable.row("revision", revision, "created_at", at, "updated_at", at));
        return table.writes().insert(row);
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean replaceConfiguration(String id, ToolConfiguration c, long revision, Instant at) {
        Map<String, Object> set = configurationColumns(c);
        set.putAll(ProjectedTable.row("revision", revision, "updated_at", at));
        return table.writes().update(ProjectedTable.row("id", id), revision, set);
    }

    /**
     * Moves the row to the revision of a legacy execution (ADR 0017), which holds a place in the tool's stream
     * but changes neither its configuration nor {@code updated_at}; the execution itself is kept apart.
     *
     * @return false if the row is already at or past {@code revision} (a redelivery), or missing
     */
    boolean passLegacyExecution(String id, long revision) {
        return table.writes().update(ProjectedTable.row("id", id), revision, ProjectedTable.row("revision", revision));
    }

    /** @return false if the row is already at or past {@code revision} (a redelivery), or missing */
    boolean restore(String id, ToolConfiguration c, long revision, Instant at) {
        boolean applied = replaceConfiguration(id, c, revision, at);
        if (applied) {
            table.revive(id);
        }
        return applied;
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean markDeleted(String id, long revision, Instant at) {
        return table.markDeleted(id, revision, at);
    }

    /** The revision the read model holds for a tool, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String id) {
        return table.revisionOf(id);
    }

    /** The revision the read model holds for one of the owner's tools, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String ownerId, String id) {
        return table.revisionOf(ownerId, id);
    }

    /** The revision the tables of the current projection transaction hold for it; empty if they have none. */
    OptionalLong projectedRevisionOf(String id) {
        return table.projectedRevisionOf(id);
    }

    Optional<ToolView> find(String ownerId, String id) {
        return jdbc.sql(SELECT + " FROM " + FROM + " WHERE t.id = ? AND t.owner_id = ? AND t.deleted_at IS NULL")
                .params(id, ownerId)
                .query(this::view)
                .optional()
                .map(found -> withUsers(ownerId, List.of(found)).get(0));
    }

    /** Whether the owner has the tool, live. */
    boolean exists(String ownerId, String id) {
        return jdbc.sql("SELECT count(*) FROM query.tools WHERE id = ? AND owner_id = ? AND deleted_at IS NULL")
                        .params(id, ownerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Newest first; {@code after} is the id of the last row of the previous page. */
    ListQuery.Page<ToolView> list(String ownerId, Filter filter, String after, int limit) {
        ListQuery.Page<ToolView> page = ListQuery.ownedBy("t", ownerId)
                .equal("category", filter.category())
                .equal("is_active", filter.isActive())
                .containing("name", filter.nameContains())
                .fetch(jdbc, SELECT, FROM, after, limit, this::view);
        return new ListQuery.Page<>(withUsers(ownerId, page.items()), page.hasMore(), page.total());
    }

    /** The tools with the assistants that use them, read for all of them in one statement. */
    private List<ToolView> withUsers(String ownerId, List<ToolView> tools) {
        Map<String, List<ToolView.User>> users = PageRelations.read(
                jdbc,
                USED_BY,
                ownerId,
                tools.stream().map(ToolView::id).toList(),
                (row, n) -> new ToolView.User(row.getString("id"), row.getString("name")));
        return tools.stream()
                .map(tool -> tool.withUsedBy(users.getOrDefault(tool.id(), List.of())))
                .toList();
    }

    private Map<String, Object> configurationColumns(ToolConfiguration c) {
        return ProjectedTable.row(
                "name",
                c.name(),
                "description",
                c.description(),
                "endpoint",
                c.endpoint(),
                "method",
                c.method().wireName(),
                "category",
                c.category(),
                "parameters",
                new ProjectedTable.Json(json(c.parameters())),
                "headers",
                new ProjectedTable.Json(json(headers(c))),
                "authentication",
                new ProjectedTable.Json(json(authentication(c.authentication()))),
                "is_active",
                c.isActive());
    }

    /** Plain headers as they are and credential headers masked, as one object. */
    static Map<String, String> headers(ToolConfiguration c) {
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        c.secretHeaders().forEach((name, secret) -> headers.put(name, mask(secret)));
        return headers;
    }

    /** The type, the plain settings as they are and the credentials masked, as one object. */
    static Map<String, String> authentication(ToolAuthentication authentication) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("type", authentication.type().wireName());
        shown.putAll(authentication.settings());
        authentication.secrets().forEach((field, secret) -> shown.put(field, mask(secret)));
        return shown;
    }

    private static String mask(SecretValue secret) {
        return MASK + secret.lastFour();
    }

    private ToolView view(ResultSet row, int rowNumber) throws SQLException {
        return new ToolView(
                row.getString("id"),
                row.getString("owner_id"),
                row.getString("created_by"),
                row.getString("name"),
                row.getString("description"),
                row.getString("endpoint"),
                HttpMethod.fromWireName(row.getString("method")),
                row.getString("category"),
                parse(row.getString("parameters"), JSON_OBJECT),
                parse(row.getString("headers"), JSON_STRINGS),
                parse(row.getString("authentication"), JSON_STRINGS),
                row.getBoolean("is_active"),
                row.getLong("total_calls"),
                Optional.ofNullable(row.getTimestamp("last_used"))
                        .map(Timestamp::toInstant)
                        .orElse(null),
                row.getObject("avg_response_time", Double.class),
                List.of(), // read apart, for a whole page at once: withUsers
                row.getLong("revision"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T parse(String json, TypeReference<T> type) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
