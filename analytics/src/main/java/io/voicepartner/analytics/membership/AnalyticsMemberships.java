package io.voicepartner.analytics.membership;

import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.OrganizationEvent;
import io.voicepartner.api.organization.Role;
import io.voicepartner.support.security.ApiKey;
import io.voicepartner.support.security.ApiKeyTable;
import io.voicepartner.support.security.ApiKeys;
import io.voicepartner.support.security.MembershipTable;
import io.voicepartner.support.security.Memberships;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who belongs to which organization and which API keys act for it, which the analytics routes are admitted by
 * ({@link Memberships}, {@link ApiKeys}; in the all-in-one the command side's lookups answer instead, as the primary
 * ones). Kept from {@code voicepartner.organizations} in {@code analytics.organizations} (each organization's
 * revision), {@code analytics.organization_members} and {@code analytics.api_keys}, each event in one transaction: one at or below the revision held changes
 * nothing (a redelivery, a rebuild reading the topic from its start), and one that would skip a revision is
 * refused ({@link MembershipGapException}), to be parked rather than applied over the hole a parked one leaves: a
 * removal lost that way would leave a former member in.
 */
@Repository
public class AnalyticsMemberships implements Memberships, ApiKeys {

    /** Who belongs, which {@link AnalyticsTokenRevocations} reads a role from with a token's revocation. */
    static final String MEMBERS = "analytics.organization_members";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MembershipTable members;
    private final ApiKeyTable apiKeys;

    AnalyticsMemberships(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.members = new MembershipTable(jdbc, MEMBERS, MEMBERS);
        this.apiKeys = new ApiKeyTable(jdbc, "analytics.api_keys", "analytics.api_keys");
    }

    /** Applies the event if it is an organization's; no other event changes who belongs. */
    public void record(EventEnvelope envelope) {
        if (envelope.data() instanceof OrganizationEvent event) {
            transaction.executeWithoutResult(status -> apply(event, envelope));
        }
    }

    private void apply(OrganizationEvent event, EventEnvelope envelope) {
        long held = jdbc.sql("SELECT revision FROM analytics.organizations WHERE id = ? FOR UPDATE")
                .param(event.organizationId())
                .query(Long.class)
                .optional()
                .orElse(0L);
        if (envelope.revision() <= held) {
            return;
        }
        if (envelope.revision() > held + 1) {
            throw new MembershipGapException(event.organizationId(), envelope.revision(), held);
        }
        jdbc.sql("INSERT INTO analytics.organizations (id, revision) VALUES (?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET revision = excluded.revision")
                .params(event.organizationId(), envelope.revision())
                .update();
        members.apply(event, envelope.occurredAt());
        apiKeys.apply(event, envelope.actor(), envelope.occurredAt());
    }

    @Override
    public Optional<Role> roleOf(String organizationId, String userId) {
        return members.roleOf(organizationId, userId);
    }

    @Override
    public Optional<ApiKey> findLive(Collection<String> secretHashes) {
        return apiKeys.findLive(secretHashes);
    }
}
