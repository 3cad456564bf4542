package io.voicepartner.query.user;

import io.voicepartner.api.user.UserEvent;
import io.voicepartner.support.security.MembershipTable;
import io.voicepartner.support.security.RevokedTokens;
import io.voicepartner.support.security.TokenRevocationTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code query.token_generations} and {@code query.revoked_tokens}: the tokens the query side's routes refuse
 * ({@link RevokedTokens}; in the all-in-one the command side's lookup answers instead, as the primary one), written
 * in the projection transaction of the user's event. Not part of the users read model: a rebuild replays into the
 * served tables, which changes nothing, so that no revoked token works again while a rebuild runs.
 */
@Repository
class UserTokenRevocations implements RevokedTokens {

    private final TokenRevocationTable table;

    UserTokenRevocations(JdbcClient jdbc) {
        // the members the query side's Memberships keep (OrganizationMembers)
        this.table = new TokenRevocationTable(jdbc, "query", MembershipTable.roleQuery("query.organization_members"));
    }

    void apply(UserEvent event) {
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
