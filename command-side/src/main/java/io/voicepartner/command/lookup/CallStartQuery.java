package io.voicepartner.command.lookup;

import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The call-start lookup over {@code phone_number_lookup} (the live number, its pin and its configuration, by the
 * unique index of live numbers), {@code assistant_lookup} (whether its assistant is live) and
 * {@code assistant_version_lookup} (the pinned version, else the latest, by its primary key read backwards). The
 * organization is part of the condition, so that another organization's number is not even read.
 */
@Repository
class CallStartQuery implements CallStartLookups {

    private static final String QUERY = """
            SELECT p.phone_number_id, p.configuration AS number_configuration,
                   a.assistant_id IS NOT NULL AND NOT a.deleted AS assistant_live,
                   v.number, v.config_hash, v.published_at, v.published_by, v.configuration AS version_configuration
            FROM command.phone_number_lookup p
            LEFT JOIN command.assistant_lookup a ON a.assistant_id = p.assistant_id
            LEFT JOIN LATERAL (
                SELECT number, config_hash, published_at, published_by, configuration
                FROM command.assistant_version_lookup
                WHERE assistant_id = p.assistant_id AND (p.assistant_version IS NULL OR number = p.assistant_version)
                ORDER BY number DESC LIMIT 1) v ON true
            WHERE p.phone_number = ? AND p.owner_id = ? AND NOT p.deleted""";

    private final JdbcClient jdbc;

    CallStartQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AnsweredNumber> find(String organizationId, String phoneNumber) {
        return jdbc.sql(QUERY)
                .params(phoneNumber, organizationId)
                .query(CallStartQuery::answered)
                .optional();
    }

    private static AnsweredNumber answered(ResultSet row, int rowNumber) throws SQLException {
        String versionConfiguration = row.getString("version_configuration");
        AnsweringVersion version = versionConfiguration == null
                ? null
                : new AnsweringVersion(
                        row.getInt("number"),
                        row.getString("config_hash"),
                        row.getTimestamp("published_at").toInstant(),
                        row.getString("published_by"),
                        StoredJson.read(versionConfiguration, VersionConfiguration.class));
        return new AnsweredNumber(
                row.getString("phone_number_id"),
                StoredJson.read(row.getString("number_configuration"), PhoneNumberConfiguration.class),
                row.getBoolean("assistant_live"),
                version);
    }
}
