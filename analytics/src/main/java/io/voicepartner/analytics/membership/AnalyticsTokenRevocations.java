package io.voicepartner.analytics.membership;

import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.user.UserEvent;
import io.voicepartner.support.security.MembershipTable;
import io.voicepartner.support.security.RevokedTokens;
import io.voicepartner.support.security.TokenRevocationTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tokens the analytics routes refuse ({@link RevokedTokens}), kept from {@code voicepartner.users} in
 * {@code analytics.token_generations} and {@code analytics.revoked_tokens}, as the other sides keep theirs.
 */
@Repository
public class AnalyticsTokenRevocations implements RevokedTokens {

    private final TokenRevocationTable table;

    AnalyticsTokenRevocations(JdbcClient jdbc) {
        this.table =
                new TokenRevocationTable(jdbc, "analytics", MembershipTable.roleQuery(AnalyticsMemberships.MEMBERS));
    }

    /** Applies the event if it is a user's; applying one twice changes nothing. */
    public void record(EventEnvelope envelope) {
        if (envelope.data() instanceof UserEvent event) {
            table.apply(event);
        }
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
