package io.voicepartner.command.user;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** Password hashes by e-mail, beside the event store and never in it. */
@Repository
class Credentials {

    record Stored(String userId, String passwordHash) {
    }

    private final JdbcClient jdbc;

    Credentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the e-mail is taken (the unique constraint decides, also between concurrent sign-ups) */
    boolean add(String userId, String email, String passwordHash) {
        try {
            jdbc.sql("INSERT INTO command.user_credentials (user_id, email, password_hash) VALUES (?, ?, ?)")
                    .params(userId, email, passwordHash)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean exists(String email) {
        return jdbc.sql("SELECT count(*) FROM command.user_credentials WHERE email = ?")
                .param(email).query(Long.class).single() > 0;
    }

    Optional<Stored> find(String email) {
        return jdbc.sql("SELECT user_id, password_hash FROM command.user_credentials WHERE email = ?")
                .param(email)
                .query((row, n) -> new Stored(row.getString(1), row.getString(2)))
                .optional();
    }
}
