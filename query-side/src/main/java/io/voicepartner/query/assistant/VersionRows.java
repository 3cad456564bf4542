package io.voicepartner.query.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.web.ListQuery;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code query.assistant_versions} table, and the current draft in the same shape as a version's
 * configuration ({@code assistant}, {@code tools}, {@code files}), so that the two compare field by field.
 */
@Repository
class VersionRows {

    /** What a response shows in place of a credential, as the tool read model shows it. */
    private static final String MASK = "••••";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    /** The assistant's fields a version holds: all but status, which is not part of a version. */
    private static final Set<String> VERSIONED_FIELDS = Arrays.stream(AssistantField.values())
            .filter(field -> field != AssistantField.STATUS)
            .map(AssistantField::wireName)
            .collect(Collectors.toUnmodifiableSet());

    private static final String SUMMARY_COLUMNS =
            "assistant_id, number, published_at, published_by, config_hash, note, revision";

    private final JdbcClient jdbc;
    private final ProjectedTable table;
    private final ObjectMapper objectMapper;
    private final AssistantRows assistants;

    VersionRows(JdbcClient jdbc, ObjectMapper objectMapper, AssistantRows assistants) {
        this.jdbc = jdbc;
        this.table = new ProjectedTable(jdbc, "assistant_versions", "assistant_id", "number");
        this.objectMapper = objectMapper;
        this.assistants = assistants;
    }

    void insert(AssistantVersionPublished event, long revision, Instant at) {
        table.insert(ProjectedTable.row(
                "assistant_id", event.assistantId(),
                "number", event.number(),
                "owner_id", event.ownerId(),
                "note", event.note(),
                "config_hash", event.configHash(),
                "published_by", event.publishedBy(),
                "published_at", at,
                "revision", revision,
                "configuration", new ProjectedTable.Json(json(shown(event)))));
    }

    /** The caller's live assistant's revision; empty for an unknown assistant or another user's. */
    OptionalLong ownedAssistant(String ownerId, String assistantId) {
        return jdbc.sql("SELECT revision FROM query.assistants WHERE id = ? AND owner_id = ? AND deleted_at IS NULL")
                .params(assistantId, ownerId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** The revision the read model holds for the owner's assistant, deleted ones included (0 if none, or another's). */
    long assistantRevision(String ownerId, String assistantId) {
        return assistants.revisionOf(ownerId, assistantId).orElse(0);
    }

    /** Newest first; {@code afterNumber} is the number of the last version of the previous page. */
    ListQuery.Page<AssistantVersionSummary> list(String assistantId, Integer afterNumber, int limit) {
        List<AssistantVersionSummary> found = jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM query.assistant_versions "
                        + "WHERE assistant_id = :id AND number < :after ORDER BY number DESC LIMIT :limit")
                .param("id", assistantId)
                .param("after", afterNumber == null ? Integer.MAX_VALUE : afterNumber)
                .param("limit", limit + 1)
                .query(VersionRows::summary)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM query.assistant_versions WHERE assistant_id = ?")
                .param(assistantId)
                .query(Long.class)
                .single();
        boolean hasMore = found.size() > limit;
        return new ListQuery.Page<>(hasMore ? found.subList(0, limit) : found, hasMore, total);
    }

    Optional<AssistantVersionView> find(String assistantId, int number) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", configuration FROM query.assistant_versions "
                        + "WHERE assistant_id = ? AND number = ?")
                .params(assistantId, number)
                .query((row, rowNumber) -> {
                    AssistantVersionSummary s = summary(row, rowNumber);
                    return new AssistantVersionView(
                            s.assistantId(),
                            s.number(),
                            s.publishedAt(),
                            s.publishedBy(),
                            s.configHash(),
                            s.note(),
                            s.revision(),
                            parse(row.getString("configuration")));
                })
                .optional();
    }

    /** The current draft of the caller's assistant, shaped like a version's configuration. */
    Optional<JsonNode> currentConfiguration(String ownerId, String assistantId) {
        return assistants.find(ownerId, assistantId).map(view -> {
            ObjectNode assistant = objectMapper.valueToTree(view);
            assistant.retain(VERSIONED_FIELDS);
            ObjectNode current = objectMapper.createObjectNode();
            current.set("assistant", tree(assistant));
            current.set(
                    "tools",
                    array(jdbc.sql("SELECT json_build_object('id', t.id, 'name', t.name, "
                                    + "'description', t.description, 'endpoint', t.endpoint, 'method', t.method, "
                                    + "'category', t.category, 'parameters', t.parameters, 'headers', t.headers, "
                                    + "'authentication', t.authentication, 'is_active', t.is_active)::text "
                                    + "FROM query.assistant_tools uses JOIN query.tools t ON t.id = uses.tool_id "
                                    + "AND t.deleted_at IS NULL WHERE uses.assistant_id = ? ORDER BY t.id")
                            .param(assistantId)
                            .query(String.class)
                            .list()));
            current.set(
                    "files",
                    array(jdbc.sql("SELECT json_build_object('id', f.id, 'filename', f.filename, "
                                    + "'original_name', f.original_name, 'file_type', f.file_type, 'file_size', f.file_size, "
                                    + "'sha256', f.sha256, 'description', f.description, 'assignment', uses.config)::text "
                                    + "FROM query.assistant_files uses JOIN query.files f ON f.id = uses.file_id "
                                    + "AND f.deleted_at IS NULL WHERE uses.assistant_id = ? ORDER BY f.id")
                            .param(assistantId)
                            .query(String.class)
                            .list()));
            return current;
        });
    }

    /** A version's configuration as a tree, to compare it. */
    JsonNode tree(Map<String, Object> configuration) {
        return tree((Object) configuration);
    }

    /** The configuration as responses show it: credentials masked, in the shape of the read models. */
    private Map<String, Object> shown(AssistantVersionPublished event) {
        Map<String, Object> assistant =
                objectMapper.convertValue(event.configuration().assistant(), JSON_OBJECT);
        assistant.keySet().retainAll(VERSIONED_FIELDS);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("assistant", assistant);
        shown.put(
                "tools",
                event.configuration().tools().stream().map(VersionRows::shown).toList());
        shown.put(
                "files",
                event.configuration().files().stream().map(VersionRows::shown).toList());
        return shown;
    }

    private static Map<String, Object> shown(FrozenTool tool) {
        ToolConfiguration c = tool.configuration();
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        c.secretHeaders().forEach((name, secret) -> headers.put(name, mask(secret)));
        Map<String, String> authentication = new LinkedHashMap<>();
        authentication.put("type", c.authentication().type().wireName());
        authentication.putAll(c.authentication().settings());
        c.authentication().secrets().forEach((field, secret) -> authentication.put(field, mask(secret)));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", tool.toolId());
        shown.put("name", c.name());
        shown.put("description", c.description());
        shown.put("endpoint", c.endpoint());
        shown.put("method", c.method().wireName());
        shown.put("category", c.category());
        shown.put("parameters", c.parameters());
        shown.put("headers", headers);
        shown.put("authentication", authentication);
        shown.put("is_active", c.isActive());
        return shown;
    }

    private static Map<String, Object> shown(FrozenFile file) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", file.fileId());
        shown.put("filename", file.filename());
        shown.put("original_name", file.originalName());
        shown.put("file_type", file.fileType().wireName());
        shown.put("file_size", file.fileSize());
        shown.put("sha256", file.sha256());
        shown.put("description", file.description());
        shown.put("assignment", file.assignment());
        return shown;
    }

    private static String mask(SecretValue secret) {
        return MASK + secret.lastFour();
    }

    private static AssistantVersionSummary summary(ResultSet row, int rowNumber) throws SQLException {
        return new AssistantVersionSummary(
                row.getString("assistant_id"),
                row.getInt("number"),
                row.getTimestamp("published_at").toInstant(),
                row.getString("published_by"),
                row.getString("config_hash"),
                row.getString("note"),
                row.getLong("revision"));
    }

    private ArrayNode array(List<String> jsonObjects) {
        ArrayNode array = objectMapper.createArrayNode();
        jsonObjects.forEach(json -> array.add(parseTree(json)));
        return array;
    }

    /** Through text, so that a version read from the table and the draft compare number for number. */
    private JsonNode tree(Object value) {
        return parseTree(json(value));
    }

    private JsonNode parseTree(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> parse(String json) {
        try {
            return objectMapper.readValue(json, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
