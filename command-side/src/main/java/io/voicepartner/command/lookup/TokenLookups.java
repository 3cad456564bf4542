package io.voicepartner.command.lookup;

import io.voicepartner.api.user.ErasureRequested;
import io.voicepartner.api.user.PasswordChanged;
import io.voicepartner.api.user.SignedOut;
import io.voicepartner.api.user.UserErased;
import io.voicepartner.support.security.RevokedTokens;
import io.voicepartner.support.security.TokenRevocationTable;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The revoked tokens of {@code V21__token_revocations.sql}, kept by the lookups' subscribing processor in the
 * transaction that appends the users' events: the command side refuses a token from the request after its
 * revocation on. The primary {@link RevokedTokens} where the sides run in one process, as it never lags behind the
 * store; its {@link #check} reads the role from {@link OrganizationLookups}, the primary {@code Memberships}.
 */
@Component
@Primary
@ProcessingGroup(LookupProjector.PROCESSING_GROUP)
class TokenLookups implements RevokedTokens {

    /**
     * Also every token of a person whose erasure is recorded and not finished ({@code pending_erasures}, ADR 0043):
     * nothing of theirs may be written while it deletes their organizations. {@link ErasureRequested} revokes the
     * tokens issued before the record here and on every side (ADR 0046); this also covers erasures recorded before
     * that event existed. A blocked erasure (ADR 0046) gives the account back to the person, who signs in again to
     * unblock it: their new tokens are accepted. One statement per request, as before.
     */
    private final TokenRevocationTable table;

    TokenLookups(JdbcClient jdbc) {
        this.table = new TokenRevocationTable(
                jdbc,
                "command",
                "(SELECT user_id FROM command.pending_erasures WHERE blocked_at IS NULL) erasing",
                OrganizationLookups.ROLE_QUERY);
    }

    @EventHandler
    void on(PasswordChanged event) {
        table.apply(event);
    }

    @EventHandler
    void on(SignedOut event) {
        table.apply(event);
    }

    @EventHandler
    void on(ErasureRequested event) {
        table.apply(event);
    }

    @EventHandler
    void on(UserErased event) {
        table.apply(event);
    }

    @Override
    public boolean revoked(String userId, String tokenId, long generation) {
        return table.revoked(userId, tokenId, generation);
    }

    @Override
    public TokenCheck check(String userId, String tokenId, long generation, String organizationId) {
        return table.check(userId, tokenId, generation, organizationId);
    }
}
