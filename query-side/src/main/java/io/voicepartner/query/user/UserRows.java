package io.voicepartner.query.user;

import io.voicepartner.query.consuming.ProjectedTable;
import io.voicepartner.query.consuming.RevisionedTable;
import io.voicepartner.support.personal.PersonalData;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRows {

    private final JdbcClient jdbc;
    private final RevisionedTable table;
    private final PersonalData personalData;

    UserRows(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.table = new RevisionedTable(jdbc, "users");
    }

    boolean insert(String id, String email, String name, long revision, Instant at) {
        return table.writes()
                .insert(ProjectedTable.row(
                        "id", id,
                        "revision", revision,
                        "email", email,
                        "name", name,
                        "created_at", at,
                        "updated_at", at));
    }

    /** Moves the account to {@code revision} for an event that changes none of its columns. */
    void advance(String id, long revision, Instant at) {
        table.advance(id, revision, at);
    }

    OptionalLong revisionOf(String id) {
        return table.revisionOf(id);
    }

    /** The user with their e-mail address and name opened (sealed in the events, ADR 0034); erased ones are null. */
    Optional<UserView> find(String id) {
        return jdbc.sql("SELECT id, email, name, revision, created_at, updated_at FROM query.users WHERE id = ?")
                .param(id)
                .query((row, n) -> new UserView(
                        row.getString("id"),
                        personalData.open(row.getString("email")).orElse(null),
                        personalData.open(row.getString("name")).orElse(null),
                        row.getLong("revision"),
                        row.getTimestamp("created_at").toInstant(),
                        row.getTimestamp("updated_at").toInstant()))
                .optional();
    }
}
