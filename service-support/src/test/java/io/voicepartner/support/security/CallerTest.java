package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A member may do what their role grants; an API key what its scopes grant, one permission per scope, and never
 * what manages the organization. A key writes as {@code api_key:<id>} and is nobody's user.
 */
class CallerTest {

    private static final String ORGANIZATION = "0190f2c4-0000-7000-8000-00000000c0de";
    private static final String KEY = "0190f2c4-0000-7000-8000-0000000000ee";

    @Test
    void aMemberMayDoWhatTheirRoleGrants() {
        Caller editor = new Caller("0190f2c4-0000-7000-8000-00000000ed00", ORGANIZATION, Role.EDITOR);

        assertThat(editor.may(Permission.WRITE)).isTrue();
        assertThat(editor.may(Permission.ADMINISTER)).isFalse();
        assertThat(editor.actor()).isEqualTo(editor.userId());
        assertThat(editor.shortOf(Permission.ADMINISTER)).contains("'editor'").contains("'admin' or higher");
    }

    @Test
    void eachScopeGrantsItsOnePermissionAndNoKeyManagesTheOrganization() {
        for (ApiKeyScope scope : ApiKeyScope.values()) {
            ApiKeyCaller key = new ApiKeyCaller(KEY, ORGANIZATION, Set.of(scope));

            assertThat(Arrays.stream(Permission.values()).filter(key::may))
                    .as(scope.wireName())
                    .containsExactly(Permission.grantedBy(scope));
        }
        ApiKeyCaller everything = new ApiKeyCaller(KEY, ORGANIZATION, EnumSet.allOf(ApiKeyScope.class));
        assertThat(everything.may(Permission.ADMINISTER)).isFalse();
        assertThat(everything.may(Permission.DELETE_ORGANIZATION)).isFalse();
        assertThat(everything.shortOf(Permission.ADMINISTER))
                .contains("No API key")
                .contains("'admin'");
    }

    @Test
    void aKeyIsNobodysUserAndWritesAsItself() {
        ApiKeyCaller key = new ApiKeyCaller(KEY, ORGANIZATION, Set.of(ApiKeyScope.CONFIG_READ));

        assertThat(key.userId()).isNull();
        assertThat(key.role()).isNull();
        assertThat(key.organizationId()).isEqualTo(ORGANIZATION);
        assertThat(key.actor()).isEqualTo("api_key:" + KEY);
        assertThat(key.shortOf(Permission.WRITE)).contains("config:read").contains("'config:write'");
    }

    @Test
    void scopesAreStoredByTheirWireNamesAndReadBack() {
        Set<ApiKeyScope> scopes = EnumSet.of(ApiKeyScope.USAGE_WRITE, ApiKeyScope.CONFIG_READ);

        assertThat(ApiKey.storedScopes(scopes)).isEqualTo("config:read usage:write");
        assertThat(ApiKey.scopesStored("config:read usage:write")).isEqualTo(scopes);
    }
}
