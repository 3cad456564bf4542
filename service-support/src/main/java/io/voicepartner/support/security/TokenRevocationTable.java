package io.voicepartner.support.security;

import io.voicepartner.api.organization.Role;
import io.voicepartner.api.user.ErasureRequested;
import io.voicepartner.api.user.PasswordChanged;
import io.voicepartner.api.user.SignedOut;
import io.voicepartner.api.user.UserErased;
import io.voicepartner.api.user.UserEvent;
import io.voicepartner.support.security.RevokedTokens.TokenCheck;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The revoked tokens as a side keeps them from the users' events, in two tables of its own schema: {@code
 * token_generations}, the lowest generation still valid per user (raised by each {@link PasswordChanged}), and
 * {@code revoked_tokens}, the ids of tokens signed out ({@link SignedOut}) until they would have expired anyway. An
 * erased person ({@link UserErased}) has no generation left that is valid.
 * Every side keeps one ({@link RevokedTokens}), so that each refuses a revoked token from its own store, with no
 * cache. Applying an event twice changes nothing, so it needs no revision of its own. An erasure asked for ({@link
 * ErasureRequested}) raises the generation as a password change does, at its record, long before the erasure ends.
 */
public final class TokenRevocationTable {

    private final JdbcClient jdbc;
    private final String generations;
    private final String revoked;
    private final String revokedCheck;
    private final String revokedAndRole;

    /**
     * @param roleQuery the side's {@link Memberships} query of the role of {@code :user} in {@code :organization},
     *                  read with the revocation by {@link #check}
     */
    public TokenRevocationTable(JdbcClient jdbc, String schema, String roleQuery) {
        this(jdbc, schema, null, roleQuery);
    }

    /**
     * @param schema      the side's schema: {@code command}, {@code query}, {@code analytics}
     * @param lockedUsers a table (with its schema), or a parenthesised query with an alias, of user ids whose every
     *                    token is refused too, checked in the same statement; {@code null} for none
     * @param roleQuery   see {@link #TokenRevocationTable(JdbcClient, String, String)}
     */
    public TokenRevocationTable(JdbcClient jdbc, String schema, String lockedUsers, String roleQuery) {
        this.jdbc = jdbc;
        this.generations = schema + ".token_generations";
        this.revoked = schema + ".revoked_tokens";
        String revokedExpression = "EXISTS (SELECT 1 FROM " + generations + " WHERE user_id = :user AND generation > "
                + ":generation) OR EXISTS (SELECT 1 FROM " + revoked + " WHERE token_id = :token)"
                + (lockedUsers == null ? "" : " OR EXISTS (SELECT 1 FROM " + lockedUsers + " WHERE user_id = :user)");
        this.revokedCheck = "SELECT " + revokedExpression;
        this.revokedAndRole = "SELECT (" + revokedExpression + ") AS revoked, (" + roleQuery + ") AS role";
    }

    public void apply(UserEvent event) {
        if (event instanceof PasswordChanged changed) {
            raiseGeneration(changed.userId(), changed.tokenGeneration());
        } else if (event instanceof ErasureRequested requested) {
            raiseGeneration(requested.userId(), requested.tokenGeneration());
        } else if (event instanceof UserErased erased) {
            raiseGeneration(erased.userId(), Long.MAX_VALUE);
        } else if (event instanceof SignedOut signedOut) {
            jdbc.sql("INSERT INTO " + revoked + " (token_id, user_id, expires_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (token_id) DO NOTHING")
                    .params(signedOut.tokenId(), signedOut.userId(), Timestamp.from(signedOut.tokenExpiresAt()))
                    .update();
            // a token past its expiry is refused without this row: the table keeps only the live ones
            jdbc.sql("DELETE FROM " + revoked + " WHERE expires_at < ?")
                    .param(Timestamp.from(Instant.now()))
                    .update();
        }
    }

    private void raiseGeneration(String userId, long generation) {
        jdbc.sql("INSERT INTO " + generations + " (user_id, generation) VALUES (?, ?) ON CONFLICT (user_id) "
                        + "DO UPDATE SET generation = GREATEST(" + generations + ".generation, excluded.generation)")
                .params(userId, generation)
                .update();
    }

    /** See {@link RevokedTokens#revoked}: one read by two indexes. */
    public boolean revoked(String userId, String tokenId, long generation) {
        return jdbc.sql(revokedCheck)
                .param("user", userId)
                .param("generation", generation)
                .param("token", tokenId == null ? "" : tokenId)
                .query(Boolean.class)
                .single();
    }

    /** See {@link RevokedTokens#check}: the same read, and the role's by its own index, in one statement. */
    public TokenCheck check(String userId, String tokenId, long generation, String organizationId) {
        return jdbc.sql(revokedAndRole)
                .param("user", userId)
                .param("generation", generation)
                .param("token", tokenId == null ? "" : tokenId)
                .param("organization", organizationId)
                .query((row, rowNumber) -> new TokenCheck(
                        row.getBoolean("revoked"),
                        Optional.ofNullable(row.getString("role")).map(Role::fromWireName)))
                .single();
    }
}
