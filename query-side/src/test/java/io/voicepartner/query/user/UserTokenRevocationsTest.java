package io.voicepartner.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.MemberRemoved;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.user.PasswordChanged;
import io.voicepartner.api.user.SignedOut;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.security.MembershipTable;
import io.voicepartner.support.security.RevokedTokens.TokenCheck;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One statement answers a signed-in user's request both of its questions: whether the token is revoked, and the
 * user's role in the organization, as {@code query.organization_members} holds it.
 */
class UserTokenRevocationsTest {

    private static ReadModelDatabase database;
    private static UserTokenRevocations revocations;
    private static MembershipTable members;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        revocations = new UserTokenRevocations(database.jdbc());
        members = new MembershipTable(database.jdbc(), "query.organization_members", "query.organization_members");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void readsTheRoleOfAMemberWithTheirTokensRevocation() {
        String ada = UUID.randomUUID().toString();
        String acme = UUID.randomUUID().toString();
        members.apply(new OrganizationCreated(acme, "Acme", "owner-" + ada, false), Instant.now());
        members.apply(new MemberAdded(acme, ada, Role.EDITOR, null), Instant.now());

        assertThat(revocations.check(ada, "token-1", 0, acme))
                .isEqualTo(new TokenCheck(false, Optional.of(Role.EDITOR)));
        assertThat(revocations.check(ada, "token-1", 0, "another")).isEqualTo(new TokenCheck(false, Optional.empty()));
    }

    @Test
    void aFormerMemberHasNoRole() {
        String ada = UUID.randomUUID().toString();
        String acme = UUID.randomUUID().toString();
        members.apply(new OrganizationCreated(acme, "Acme", "owner-" + ada, false), Instant.now());
        members.apply(new MemberAdded(acme, ada, Role.VIEWER, null), Instant.now());
        members.apply(new MemberRemoved(acme, ada), Instant.now());

        assertThat(revocations.check(ada, "token-1", 0, acme).role()).isEmpty();
    }

    @Test
    void aRevokedTokenIsRevokedWhateverTheRole() {
        String ada = UUID.randomUUID().toString();
        members.apply(new OrganizationCreated(ada, "Personal", ada, true), Instant.now());
        revocations.apply(new SignedOut(ada, "signed-out", Instant.now().plusSeconds(600)));
        revocations.apply(new PasswordChanged(ada, 3));

        assertThat(revocations.check(ada, "signed-out", 3, ada))
                .isEqualTo(new TokenCheck(true, Optional.of(Role.OWNER)));
        assertThat(revocations.check(ada, "token-2", 2, ada).revoked()).isTrue();
        assertThat(revocations.check(ada, "token-3", 3, ada).revoked()).isFalse();
        assertThat(revocations.check(ada, null, 3, ada).revoked()).isFalse();
    }
}
