package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.voicepartner.api.organization.Role;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A user's token is checked for its revocation on every use, and the statement that checks it also answers the
 * route's question of the user's role, for the organization the request names before its route is known: the
 * header's, else the user's own. A route that names another organization asks again.
 */
class UserTokenAuthenticationTest {

    private final Store store = new Store();
    private final UserTokenAuthentication users = new UserTokenAuthentication(
            new JwtAuthenticationProvider(token -> Jwt.withTokenValue(token)
                    .header("alg", "HS256")
                    .subject("ada")
                    .jti("token-1")
                    .claim(RevokedTokens.GENERATION_CLAIM, 2)
                    .issuedAt(Instant.now())
                    .expiresAt(Instant.now().plusSeconds(600))
                    .build()),
            store);
    private final OrganizationAccess access = new OrganizationAccess(store);
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/assistants/a-1");

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void readsTheRoleInTheOrganizationTheHeaderNamesWithTheRevocation() {
        store.roles.put("acme", Role.EDITOR);
        request.addHeader(OrganizationAccess.ORGANIZATION_HEADER, "acme");

        Caller caller = admitted(signIn());

        assertThat(caller.organizationId()).isEqualTo("acme");
        assertThat(caller.role()).isEqualTo(Role.EDITOR);
        assertThat(store.reads).containsExactly("check ada token-1 2 acme");
    }

    @Test
    void readsTheRoleInTheUsersOwnOrganizationWhenTheRequestNamesNone() {
        store.roles.put("ada", Role.OWNER);

        Caller caller = admitted(signIn());

        assertThat(caller.organizationId()).isEqualTo("ada");
        assertThat(store.reads).containsExactly("check ada token-1 2 ada");
    }

    @Test
    void asksAgainWhenTheRouteNamesAnotherOrganization() {
        store.roles.put("ada", Role.OWNER);
        request.setAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                Map.of(OrganizationAccess.ORGANIZATION_PATH_VARIABLE, "globex"));
        Authentication signedIn = signIn();

        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> admitted(signedIn))
                .satisfies(refused -> assertThat(refused.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(store.reads).containsExactly("check ada token-1 2 ada", "role ada globex");
    }

    @Test
    void refusesARevokedToken() {
        store.roles.put("ada", Role.OWNER);
        store.revoked.add("token-1");

        assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(this::signIn);
    }

    @Test
    void onlyChecksTheRevocationWhenTheHeaderNamesNoPossibleOrganization() {
        request.addHeader(OrganizationAccess.ORGANIZATION_HEADER, "not an id");
        Authentication signedIn = signIn();

        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> admitted(signedIn))
                .satisfies(refused -> assertThat(refused.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(store.reads).containsExactly("revoked ada token-1 2");
    }

    @Test
    void refusesARevokedTokenThatArrivesOutsideARequest() {
        store.revoked.add("token-1");

        assertThatExceptionOfType(InvalidBearerTokenException.class)
                .isThrownBy(() -> users.manager().authenticate(new BearerTokenAuthenticationToken("a.b.c")));
    }

    private Authentication signIn() {
        return users.managerFor(request).authenticate(new BearerTokenAuthenticationToken("a.b.c"));
    }

    private Caller admitted(Authentication signedIn) {
        SecurityContextHolder.getContext().setAuthentication(signedIn);
        access.preHandle(request, new MockHttpServletResponse(), route());
        return (Caller) request.getAttribute(OrganizationAccess.CALLER_ATTRIBUTE);
    }

    private static HandlerMethod route() {
        try {
            return new HandlerMethod(new Routes(), Routes.class.getDeclaredMethod("read"));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static class Routes {

        @Requires(Permission.READ)
        public void read() {}
    }

    /** A side's store of revoked tokens and memberships for one user, with the reads asked of it. */
    private static final class Store implements RevokedTokens, Memberships {

        final Set<String> revoked = new HashSet<>();
        final Map<String, Role> roles = new HashMap<>();
        final List<String> reads = new ArrayList<>();

        @Override
        public boolean revoked(String userId, String tokenId, long generation) {
            reads.add("revoked " + userId + " " + tokenId + " " + generation);
            return revoked.contains(tokenId);
        }

        @Override
        public TokenCheck check(String userId, String tokenId, long generation, String organizationId) {
            reads.add("check " + userId + " " + tokenId + " " + generation + " " + organizationId);
            return new TokenCheck(revoked.contains(tokenId), Optional.ofNullable(roles.get(organizationId)));
        }

        @Override
        public Optional<Role> roleOf(String organizationId, String userId) {
            reads.add("role " + userId + " " + organizationId);
            return Optional.ofNullable(roles.get(organizationId));
        }
    }
}
