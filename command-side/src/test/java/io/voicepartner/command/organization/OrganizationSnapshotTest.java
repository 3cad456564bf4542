package io.voicepartner.command.organization;

import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertStoredAsGolden;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;

import io.voicepartner.api.organization.ApiKeyCreated;
import io.voicepartner.api.organization.ApiKeyRevoked;
import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.InvitationRevoked;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.OrganizationRenamed;
import io.voicepartner.api.organization.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An organization's snapshot holds its members with their roles, every invitation it sent with what accepting it is
 * decided on (never its token, of which the events carry the hash only), and the ids of its API keys not revoked
 * (nothing of their secrets).
 */
class OrganizationSnapshotTest {

    private static final String USER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String ADMIN = "0190f2c4-0000-7000-8000-00000000ad00";
    private static final Instant EXPIRES = Instant.parse("2026-01-22T10:30:00.123Z");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void keepsMembersInvitationsAndApiKeys() {
        Organization organization = sourcedFrom(
                Organization.class,
                USER,
                new OrganizationCreated(USER, "Ada's organization", USER, true),
                new OrganizationRenamed(USER, "Example Dental"),
                new InvitationCreated(
                        USER, "0190f2c4-0000-7000-8000-0000000001a1", "grace@example.com", Role.EDITOR, HASH, EXPIRES),
                new MemberAdded(USER, ADMIN, Role.EDITOR, "0190f2c4-0000-7000-8000-0000000001a1"),
                new MemberRoleChanged(USER, ADMIN, Role.EDITOR, Role.ADMIN),
                new InvitationCreated(
                        USER,
                        "0190f2c4-0000-7000-8000-0000000001a2",
                        "alan@example.com",
                        Role.VIEWER,
                        HASH.replace('9', '8'),
                        EXPIRES),
                new InvitationRevoked(USER, "0190f2c4-0000-7000-8000-0000000001a2"),
                new InvitationCreated(
                        USER,
                        "0190f2c4-0000-7000-8000-0000000001a3",
                        "joan@example.com",
                        Role.OWNER,
                        HASH.replace('9', '7'),
                        EXPIRES),
                new ApiKeyCreated(
                        USER,
                        "0190f2c4-0000-7000-8000-0000000000e1",
                        "Voice runtime",
                        List.of(ApiKeyScope.USAGE_WRITE, ApiKeyScope.RUNTIME_READ),
                        "vp_AbCdEfGh",
                        "AbCdEfGh:" + HASH,
                        EXPIRES),
                new ApiKeyCreated(
                        USER,
                        "0190f2c4-0000-7000-8000-0000000000e2",
                        "CI",
                        List.of(ApiKeyScope.CONFIG_READ),
                        "vp_HgFeDcBa",
                        "AbCdEfGh:" + HASH.replace('9', '6'),
                        null),
                new ApiKeyRevoked(USER, "0190f2c4-0000-7000-8000-0000000000e2"));

        assertRoundTrips(organization);
        assertStoredAsGolden(organization);
    }
}
