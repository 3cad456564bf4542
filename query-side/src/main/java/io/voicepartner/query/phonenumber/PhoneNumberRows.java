package io.voicepartner.query.phonenumber;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.consuming.RevisionedTable;
import io.voicepartner.query.web.ListQuery;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code query.phone_numbers} table. Every write is guarded by the row's revision, which makes it idempotent. */
@Repository
class PhoneNumberRows {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final TypeReference<Map<String, Boolean>> CAPABILITIES = new TypeReference<>() {};
    private static final TypeReference<PhoneNumberView.AnsweringVersion> ANSWERING_VERSION = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, owner_id, created_by, phone_number, friendly_name, capabilities, country, region, "
                    + "locality, provider, monthly_price, currency, configuration, status, assistant_id, assistant_version, "
                    // its usage, kept beside it (ADR 0017)
                    + "json_build_object('calls', COALESCE(u.calls, 0), 'seconds', COALESCE(u.seconds, 0), "
                    + "'minutes', round(COALESCE(u.seconds, 0) / 60.0, 2)) AS usage, "
                    + "purchased_at, u.last_used, revision, created_at, updated_at, "
                    // the pinned version, or else the latest its assistant published
                    + "(SELECT json_build_object('number', v.number, 'pinned', p.assistant_version IS NOT NULL, "
                    + "'config_hash', v.config_hash, 'href', '/api/assistants/' || v.assistant_id || '/versions/' || v.number) "
                    + "FROM query.assistant_versions v WHERE v.assistant_id = p.assistant_id "
                    + "AND v.number = COALESCE(p.assistant_version, (SELECT max(latest.number) FROM query.assistant_versions "
                    + "latest WHERE latest.assistant_id = p.assistant_id))) AS answering_version";

    private static final String FROM =
            "query.phone_numbers p " + "LEFT JOIN query.phone_number_usage u ON u.phone_number_id = p.id";

    /**
     * Filters of the list route; {@code null} means "any".
     *
     * @param text matched case-insensitively in the friendly name, and in the number
     */
    record Filter(PhoneNumberStatus status, String assistantId, String country, String text) {}

    private final JdbcClient jdbc;
    private final RevisionedTable table;
    private final ObjectMapper objectMapper;

    PhoneNumberRows(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.table = new RevisionedTable(jdbc, "phone_numbers");
        this.objectMapper = objectMapper;
    }

    /** @return false if the row exists already (a redelivery) */
    boolean insert(String id, String ownerId, String createdBy, PhoneNumberConfiguration c, long revision, Instant at) {
        Map<String, Object> row = ProjectedTable.row(
                "id", id, "owner_id", ownerId, "created_by", createdBy == null ? ownerId : createdBy);
        row.putAll(configurationColumns(c));
        row.putAll(ProjectedTable.row("purchased_at", at, "revision", revision, "created_at", at, "updated_at", at));
        return table.writes().insert(row);
    }

    /** @return false if the row is already at or past {@code revision} (or missing) */
    boolean replaceConfiguration(String id, PhoneNumberConfiguration c, long revision, Instant at) {
        Map<String, Object> set = configurationColumns(c);
        set.putAll(ProjectedTable.row("revision", revision, "updated_at", at));
        return table.writes().update(ProjectedTable.row("id", id), revision, set);
    }

    /** @return false if the row is already at or past {@code revision} (a redelivery), or missing */
    boolean restore(String id, PhoneNumberConfiguration c, long revision, Instant at) {
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

    /** The revision the read model holds for a phone number, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String id) {
        return table.revisionOf(id);
    }

    /** The revision the read model holds for one of the owner's phone numbers, deleted ones included; empty if it has none. */
    OptionalLong revisionOf(String ownerId, String id) {
        return table.revisionOf(ownerId, id);
    }

    /**
     * Moves the row to the revision of a legacy call (ADR 0017), which holds a place in the number's stream but
     * changes neither its configuration nor {@code updated_at}; the call itself is kept apart.
     *
     * @return false if the row is already at or past {@code revision} (a redelivery), or missing
     */
    boolean passLegacyCall(String id, long revision) {
        return table.writes().update(ProjectedTable.row("id", id), revision, ProjectedTable.row("revision", revision));
    }

    /** Whether the owner has the number, live. */
    boolean exists(String ownerId, String id) {
        return jdbc.sql("SELECT count(*) FROM query.phone_numbers WHERE id = ? AND owner_id = ? AND deleted_at IS NULL")
                        .params(id, ownerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The revision the tables of the current projection transaction hold for it; empty if they have none. */
    OptionalLong projectedRevisionOf(String id) {
        return table.projectedRevisionOf(id);
    }

    Optional<PhoneNumberView> find(String ownerId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + FROM + " "
                        + "WHERE id = ? AND owner_id = ? AND deleted_at IS NULL")
                .params(id, ownerId)
                .query(this::view)
                .optional();
    }

    /** Newest first; {@code after} is the id of the last row of the previous page. */
    ListQuery.Page<PhoneNumberView> list(String ownerId, Filter filter, String after, int limit) {
        ListQuery query = ListQuery.ownedBy("p", ownerId)
                .equal(
                        "status",
                        filter.status() == null ? null : filter.status().wireName())
                .equal("assistant_id", filter.assistantId())
                .equal("country", filter.country());
        if (filter.text() != null) {
            // numbers are stored as E.164: "+49 30 12" finds "+493012…" once spaces and separators are dropped
            String compact = filter.text().replaceAll("[\\s()./-]", "");
            query.condition(
                    "(p.friendly_name ILIKE :name_pattern ESCAPE '\\'"
                            + (compact.isEmpty() ? "" : " OR p.phone_number LIKE :number_pattern ESCAPE '\\'") + ")",
                    compact.isEmpty()
                            ? Map.of("name_pattern", ListQuery.pattern(filter.text()))
                            : Map.of(
                                    "name_pattern",
                                    ListQuery.pattern(filter.text()),
                                    "number_pattern",
                                    ListQuery.pattern(compact)));
        }
        return query.fetch(jdbc, "SELECT " + COLUMNS, FROM, after, limit, this::view);
    }

    private Map<String, Object> configurationColumns(PhoneNumberConfiguration c) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("phone_number", c.phoneNumber());
        values.put("friendly_name", c.friendlyName());
        values.put(
                "capabilities", new ProjectedTable.Json(json(c.capabilities() == null ? Map.of() : c.capabilities())));
        values.put("country", c.country());
        values.put("region", c.region());
        values.put("locality", c.locality());
        values.put("provider", c.provider().wireName());
        values.put("monthly_price", c.monthlyPrice() == null ? null : new BigDecimal(c.monthlyPrice()));
        values.put("currency", c.currency());
        values.put(
                "configuration",
                new ProjectedTable.Json(json(c.configuration() == null ? Map.of() : c.configuration())));
        values.put("status", c.status().wireName());
        values.put("assistant_id", c.assistantId());
        values.put("assistant_version", c.assistantVersion());
        return values;
    }

    private PhoneNumberView view(ResultSet row, int rowNumber) throws SQLException {
        BigDecimal monthlyPrice = row.getBigDecimal("monthly_price");
        Timestamp lastUsed = row.getTimestamp("last_used");
        return new PhoneNumberView(
                row.getString("id"),
                row.getString("owner_id"),
                row.getString("created_by"),
                row.getString("phone_number"),
                row.getString("friendly_name"),
                parse(row.getString("capabilities"), CAPABILITIES),
                row.getString("country"),
                row.getString("region"),
                row.getString("locality"),
                PhoneNumberProvider.fromWireName(row.getString("provider")),
                monthlyPrice == null ? null : monthlyPrice.toPlainString(),
                row.getString("currency"),
                parse(row.getString("configuration"), JSON_OBJECT),
                PhoneNumberStatus.fromWireName(row.getString("status")),
                row.getString("assistant_id"),
                row.getObject("assistant_version", Integer.class),
                Optional.ofNullable(row.getString("answering_version"))
                        .map(version -> parse(version, ANSWERING_VERSION))
                        .orElse(null),
                parse(row.getString("usage"), JSON_OBJECT),
                row.getTimestamp("purchased_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant(),
                row.getLong("revision"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private String json(Map<String, ?> value) {
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
