package io.voicepartner.command.user;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password hashes by e-mail, beside the event store and never in it. */
@Repository
class Credentials implements Accounts {

    /** @param tokenGeneration the generation the user's tokens are issued in now ({@code RevokedTokens}) */
    record Stored(String userId, String passwordHash, long tokenGeneration) {}

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
                        .param(email)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public Optional<String> emailOf(String userId) {
        return jdbc.sql("SELECT email FROM command.user_credentials WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .optional();
    }

    /** An account as the opening of personal organizations needs it. */
    record Account(String userId, String email) {}

    /**
     * The accounts whose personal organization (the one with their id) was never opened: those that signed up
     * before organizations existed. Read against the organization lookup, which is written with the events.
     */
    List<Account> withoutPersonalOrganization() {
        return jdbc.sql("SELECT c.user_id, c.email FROM command.user_credentials c WHERE NOT EXISTS "
                        + "(SELECT 1 FROM command.organization_lookup o WHERE o.organization_id = c.user_id) "
                        + "ORDER BY c.created_at, c.user_id")
                .query(Account.class)
                .list();
    }

    Optional<Stored> find(String email) {
        return find("email", email);
    }

    Optional<Stored> ofUser(String userId) {
        return find("user_id", userId);
    }

    private Optional<Stored> find(String column, String value) {
        return jdbc.sql("SELECT user_id, password_hash, token_generation FROM command.user_credentials WHERE " + column
                        + " = ?")
                .param(value)
                .query((row, n) -> new Stored(row.getString(1), row.getString(2), row.getLong(3)))
                .optional();
    }

    /** Replaces the password's hash and moves the account's tokens to the next generation, which it answers. */
    long changePassword(String userId, String passwordHash) {
        return jdbc.sql(
                        "UPDATE command.user_credentials SET password_hash = ?, token_generation = token_generation + 1 "
                                + "WHERE user_id = ? RETURNING token_generation")
                .params(passwordHash, userId)
                .query(Long.class)
                .single();
    }

    /**
     * Moves the account's tokens to the next generation, which it answers, the password unchanged: an erasure asked for
     * revokes every token issued before (ADR 0046).
     */
    long nextTokenGeneration(String userId) {
        return jdbc.sql("UPDATE command.user_credentials SET token_generation = token_generation + 1 WHERE user_id = ? "
                        + "RETURNING token_generation")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /**
     * Forgets the account: its e-mail address and password hash, and the answers kept for its {@code Idempotency-Key}
     * retries, which can quote names and addresses. Both tables are the command side's own.
     */
    void erase(String userId) {
        jdbc.sql("DELETE FROM command.user_credentials WHERE user_id = ?")
                .param(userId)
                .update();
        jdbc.sql("DELETE FROM command.idempotency_keys WHERE caller = ?")
                .param(userId)
                .update();
    }
}
