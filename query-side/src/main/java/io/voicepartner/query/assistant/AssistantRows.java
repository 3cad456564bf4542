package io.voicepartner.query.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.consuming.RevisionedTable;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.query.web.PageRelations;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code query.assistants} table. Every write is guarded by the row's revision, which makes it idempotent. */
@Repository
class AssistantRows {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, owner_id, created_by, name, description, system_prompt, llm_provider, llm_model, "
                    + "temperature, max_tokens, voice_provider, voice_id, voice_speed, voice_pitch, voice_stability, language, "
                    + "fallback_language, first_message, interruption_sensitivity, silence_timeout, response_delay, status, "
                    + "is_active, capabilities, revision, created_at, updated_at";
    /**
     * The live tools of a page of assistants, each assistant's in assignment order. Only a tool's owner can
     * assign it, so the owner condition changes no answer; it lets the planner join the owner's few tools
     * ({@code tools_owner}) instead of hashing every tool of every user.
     */
    private static final String TOOLS = "SELECT at.assistant_id, t.id, t.name, t.endpoint, t.method, t.category "
            + "FROM query.assistant_tools at JOIN query.tools t ON t.id = at.tool_id AND t.owner_id = ? "
            + "AND t.deleted_at IS NULL WHERE at.assistant_id = ANY(?) ORDER BY at.assistant_id, at.position";
    /** The live files of a page of assistants with each assignment's configuration, as {@link #TOOLS}. */
    private static final String FILES = "SELECT af.assistant_id, f.id, f.filename, f.status, af.config "
            + "FROM query.assistant_files af JOIN query.files f ON f.id = af.file_id AND f.owner_id = ? "
            + "AND f.deleted_at IS NULL WHERE af.assistant_id = ANY(?) ORDER BY af.assistant_id, af.position";

    /**
     * One assistant's ({@code a}) live tools, as {@link #TOOLS} reads a page's, in a JSON array of {@link
     * AssistantView.AssignedTool}s: a single read takes its row and its relations in one statement, where a page
     * takes them in three.
     */
    private static final String ONES_TOOLS = "(SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, "
            + "'endpoint', t.endpoint, 'method', t.method, 'category', t.category) ORDER BY at.position), '[]') "
            + "FROM query.assistant_tools at JOIN query.tools t ON t.id = at.tool_id AND t.owner_id = a.owner_id "
            + "AND t.deleted_at IS NULL WHERE at.assistant_id = a.id)";
    /** One assistant's live files, as {@link #FILES} reads a page's, in a JSON array of {@link AssistantView.AssignedFile}s. */
    private static final String ONES_FILES = "(SELECT coalesce(json_agg(json_build_object('id', f.id, 'filename', "
            + "f.filename, 'status', f.status, 'assignment', af.config) ORDER BY af.position), '[]') "
            + "FROM query.assistant_files af JOIN query.files f ON f.id = af.file_id AND f.owner_id = a.owner_id "
            + "AND f.deleted_at IS NULL WHERE af.assistant_id = a.id)";

    private static final TypeReference<List<AssistantView.AssignedTool>> TOOL_LIST = new TypeReference<>() {};
    private static final TypeReference<List<AssistantView.AssignedFile>> FILE_LIST = new TypeReference<>() {};

    /** Filters of the list route; {@code null} means "any". */
    record Filter(AssistantStatus status, Boolean isActive, String nameContains) {}

    private final JdbcClient jdbc;
    private final RevisionedTable table;
    private final ProjectedTable tools;
    private final ProjectedTable files;
    private final ObjectMapper objectMapper;

    AssistantRows(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.table = new RevisionedTable(jdbc, "assistants");
        this.tools = new ProjectedTable(jdbc, "assistant_tools", "assistant_id", "tool_id");
        this.files = new ProjectedTable(jdbc, "assistant_files", "assistant_id", "file_id");
        this.objectMapper = objectMapper;
    }

    /** @return false if the row exists already (a redelivery) */
    boolean insert(String id, String ownerId, String createdBy, AssistantConfiguration c, long revision, Instant at) {
        Map<String, Object> row = ProjectedTable.row(
                "id", id, "owner_id", ownerId, "created_by", createdBy == null ? ownerId : createdBy);
        row.putAll(configurationColumns(c));
        row.putAll(ProjectedTable.row("revision", revision, "created_at", at, "updated_at", at));
        return table.writes().insert(row);
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean replaceConfiguration(String id, AssistantConfiguration c, long revision, Instant at) {
        Map<String, Object> set = configurationColumns(c);
        set.putAll(ProjectedTable.row("revision", revision, "updated_at", at));
        return table.writes().update(ProjectedTable.row("id", id), revision, set);
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean markDeleted(String id, long revision, Instant at) {
        return table.markDeleted(id, revision, at);
    }

    /**
     * Moves a live assistant to {@code revision} for an event that changes only its relations.
     *
     * @return false if the row is already at or past {@code revision} (a redelivery), or missing
     */
    boolean advance(String id, long revision, Instant at) {
        return table.advance(id, revision, at);
    }

    /** A deleted assistant is live again with exactly these tools and files, in this order. */
    void restore(String id, List<String> toolIds, Map<String, Map<String, Object>> files, long position) {
        table.revive(id);
        tools.delete(ProjectedTable.row("assistant_id", id));
        this.files.delete(ProjectedTable.row("assistant_id", id));
        addTools(id, toolIds, position);
        List<String> fileIds = List.copyOf(files.keySet());
        addFiles(id, fileIds, position);
        fileIds.forEach(fileId -> configureFile(id, fileId, files.get(fileId)));
    }

    /** @param position orders the assistant's tools by when they were assigned */
    void addTools(String id, List<String> toolIds, long position) {
        for (int i = 0; i < toolIds.size(); i++) {
            tools.insert(ProjectedTable.row("assistant_id", id, "tool_id", toolIds.get(i), "position", position + i));
        }
    }

    void removeTool(String id, String toolId) {
        tools.delete(ProjectedTable.row("assistant_id", id, "tool_id", toolId));
    }

    /** @param position orders the assistant's files by when they were assigned; each starts unconfigured */
    void addFiles(String id, List<String> fileIds, long position) {
        for (int i = 0; i < fileIds.size(); i++) {
            files.insert(ProjectedTable.row("assistant_id", id, "file_id", fileIds.get(i), "position", position + i));
        }
    }

    void configureFile(String id, String fileId, Map<String, Object> config) {
        files.update(
                ProjectedTable.row("assistant_id", id, "file_id", fileId),
                null,
                ProjectedTable.row("config", new ProjectedTable.Json(json(config))));
    }

    void removeFile(String id, String fileId) {
        files.delete(ProjectedTable.row("assistant_id", id, "file_id", fileId));
    }

    /** Those of the tools that still exist, in the order given. */
    List<AssistantView.AssignedTool> liveTools(List<String> toolIds) {
        if (toolIds.isEmpty()) {
            return List.of();
        }
        Map<String, AssistantView.AssignedTool> found = new HashMap<>();
        jdbc.sql("SELECT id, name, endpoint, method, category FROM query.tools WHERE id IN (:ids) "
                        + "AND deleted_at IS NULL")
                .param("ids", toolIds)
                .query((row, n) -> new AssistantView.AssignedTool(
                        row.getString("id"),
                        row.getString("name"),
                        row.getString("endpoint"),
                        row.getString("method"),
                        row.getString("category")))
                .list()
                .forEach(tool -> found.put(tool.id(), tool));
        return toolIds.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** Those of the files that still exist, in the order given, each with the assignment's configuration given. */
    List<AssistantView.AssignedFile> liveFiles(Map<String, Map<String, Object>> assignments) {
        if (assignments.isEmpty()) {
            return List.of();
        }
        Map<String, AssistantView.AssignedFile> found = new HashMap<>();
        jdbc.sql("SELECT id, filename, status FROM query.files WHERE id IN (:ids) AND deleted_at IS NULL")
                .param("ids", assignments.keySet())
                .query((row, n) -> new AssistantView.AssignedFile(
                        row.getString("id"),
                        row.getString("filename"),
                        row.getString("status"),
                        assignments.get(row.getString("id"))))
                .list()
                .forEach(file -> found.put(file.id(), file));
        return assignments.keySet().stream()
                .filter(found::containsKey)
                .map(found::get)
                .toList();
    }

    /** The revision the read model holds for an assistant, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String id) {
        return table.revisionOf(id);
    }

    /** The revision the read model holds for one of the owner's assistants, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String ownerId, String id) {
        return table.revisionOf(ownerId, id);
    }

    /** The revision the tables of the current projection transaction hold for it; empty if they have none. */
    OptionalLong projectedRevisionOf(String id) {
        return table.projectedRevisionOf(id);
    }

    Optional<AssistantView> find(String ownerId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + ONES_TOOLS + " AS tools, " + ONES_FILES + " AS files "
                        + "FROM query.assistants a WHERE id = ? AND owner_id = ? AND deleted_at IS NULL")
                .params(id, ownerId)
                .query((row, n) -> view(row, n)
                        .withRelations(
                                parse(row.getString("tools"), TOOL_LIST), parse(row.getString("files"), FILE_LIST)))
                .optional();
    }

    /** Newest first; {@code after} is the id of the last row of the previous page. */
    ListQuery.Page<AssistantView> list(String ownerId, Filter filter, String after, int limit) {
        ListQuery.Page<AssistantView> page = ListQuery.ownedBy("a", ownerId)
                .equal(
                        "status",
                        filter.status() == null ? null : filter.status().wireName())
                .equal("is_active", filter.isActive())
                .containing("name", filter.nameContains())
                .fetch(jdbc, "SELECT " + COLUMNS, "query.assistants a", after, limit, this::view);
        return new ListQuery.Page<>(withRelations(ownerId, page.items()), page.hasMore(), page.total());
    }

    /** The assistants with their live tools and files, each relation read for all of them in one statement. */
    private List<AssistantView> withRelations(String ownerId, List<AssistantView> assistants) {
        List<String> ids = assistants.stream().map(AssistantView::id).toList();
        Map<String, List<AssistantView.AssignedTool>> tools = PageRelations.read(
                jdbc,
                TOOLS,
                ownerId,
                ids,
                (row, n) -> new AssistantView.AssignedTool(
                        row.getString("id"),
                        row.getString("name"),
                        row.getString("endpoint"),
                        row.getString("method"),
                        row.getString("category")));
        Map<String, List<AssistantView.AssignedFile>> files = PageRelations.read(
                jdbc,
                FILES,
                ownerId,
                ids,
                (row, n) -> new AssistantView.AssignedFile(
                        row.getString("id"),
                        row.getString("filename"),
                        row.getString("status"),
                        parse(row.getString("config"))));
        return assistants.stream()
                .map(assistant -> assistant.withRelations(
                        tools.getOrDefault(assistant.id(), List.of()), files.getOrDefault(assistant.id(), List.of())))
                .toList();
    }

    private Map<String, Object> configurationColumns(AssistantConfiguration c) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", c.name());
        values.put("description", c.description());
        values.put("system_prompt", c.systemPrompt());
        values.put("llm_provider", c.llmProvider());
        values.put("llm_model", c.llmModel());
        values.put("temperature", c.temperature());
        values.put("max_tokens", c.maxTokens());
        values.put("voice_provider", c.voiceProvider());
        values.put("voice_id", c.voiceId());
        values.put("voice_speed", c.voiceSpeed());
        values.put("voice_pitch", c.voicePitch());
        values.put("voice_stability", c.voiceStability());
        values.put("language", c.language());
        values.put("fallback_language", c.fallbackLanguage());
        values.put("first_message", c.firstMessage());
        values.put("interruption_sensitivity", c.interruptionSensitivity());
        values.put("silence_timeout", c.silenceTimeout());
        values.put("response_delay", c.responseDelay());
        values.put("status", c.status().wireName());
        values.put("is_active", c.isActive());
        values.put(
                "capabilities", new ProjectedTable.Json(json(c.capabilities() == null ? Map.of() : c.capabilities())));
        return values;
    }

    private AssistantView view(ResultSet row, int rowNumber) throws SQLException {
        return new AssistantView(
                row.getString("id"),
                row.getString("owner_id"),
                row.getString("created_by"),
                row.getString("name"),
                row.getString("description"),
                row.getString("system_prompt"),
                row.getString("llm_provider"),
                row.getString("llm_model"),
                row.getObject("temperature", Double.class),
                row.getObject("max_tokens", Integer.class),
                row.getString("voice_provider"),
                row.getString("voice_id"),
                row.getObject("voice_speed", Double.class),
                row.getObject("voice_pitch", Double.class),
                row.getObject("voice_stability", Double.class),
                row.getString("language"),
                row.getString("fallback_language"),
                row.getString("first_message"),
                row.getObject("interruption_sensitivity", Double.class),
                row.getObject("silence_timeout", Double.class),
                row.getObject("response_delay", Double.class),
                AssistantStatus.fromWireName(row.getString("status")),
                row.getBoolean("is_active"),
                parse(row.getString("capabilities")),
                List.of(), // tools and files are read apart, for a whole page at once: withRelations
                List.of(),
                row.getLong("revision"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private String json(Map<String, Object> value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> parse(String json) {
        return parse(json, JSON_OBJECT);
    }

    private <T> T parse(String json, TypeReference<T> type) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
