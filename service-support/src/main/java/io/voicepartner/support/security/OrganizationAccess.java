package io.voicepartner.support.security;

import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Decides, before a signed-in caller's request reaches its route, which organization it acts in and whether the
 * caller may do there what the route {@link Requires}: a caller who is no member of the organization finds nothing
 * there ({@code 404}, as for any resource of another tenant), a member whose role falls short is refused
 * ({@code 403 forbidden}, naming the role needed). A route that declares neither {@link Requires} nor
 * {@link Personal} is refused to everyone: a forgotten declaration closes the route rather than opening it. An API
 * key ({@link ApiKeyCaller}) acts in its own organization alone, with the permissions its scopes grant. A user's role
 * is usually known already: read with their token's revocation ({@link UserTokenAuthentication}, ADR 0054).
 */
public class OrganizationAccess implements HandlerInterceptor {

    /** The header a request names the organization it acts in with. */
    public static final String ORGANIZATION_HEADER = "X-Organization-Id";
    /** The path variable of the routes under {@code /api/organizations/{organizationId}}. */
    public static final String ORGANIZATION_PATH_VARIABLE = "organizationId";

    static final String CALLER_ATTRIBUTE = OrganizationAccess.class.getName() + ".caller";
    private static final String ROLE_READ_WITH_TOKEN = OrganizationAccess.class.getName() + ".roleReadWithToken";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + EventLimits.ID + "}");

    private final Memberships memberships;

    public OrganizationAccess(Memberships memberships) {
        this.memberships = memberships;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(handler instanceof HandlerMethod method) || authentication == null) {
            // a route without a signed-in caller is one the security configuration lets through: public
            return true;
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            request.setAttribute(CALLER_ATTRIBUTE, user(jwt.getSubject(), method, request));
        } else if (authentication.getPrincipal() instanceof ApiKey key) {
            request.setAttribute(CALLER_ATTRIBUTE, apiKey(key, method, request));
        }
        return true;
    }

    /**
     * Admits a caller authenticated outside a route (the first message of a WebSocket) as a route that
     * {@link Requires} {@code needed} would: in the organization named, else their own, refused as a route refuses.
     *
     * @param principal         a user's {@code Jwt} or an {@link ApiKey}
     * @param namedOrganization the organization the caller asks to act in; {@code null} for their own
     * @throws ApiException {@code 404} for an organization the caller is not in, {@code 403} for a role or scope that
     *                      falls short, {@code 401} for a principal that is neither
     */
    public Caller admit(Object principal, String namedOrganization, Permission needed) {
        if (principal instanceof Jwt jwt) {
            String organizationId = organizationNamed(namedOrganization, jwt.getSubject());
            return member(
                    jwt.getSubject(), organizationId, memberships.roleOf(organizationId, jwt.getSubject()), needed);
        }
        if (principal instanceof ApiKey key) {
            return key(key, organizationNamed(namedOrganization, key.organizationId()), needed);
        }
        throw new ApiException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required.");
    }

    private Caller user(String userId, HandlerMethod method, HttpServletRequest request) {
        if (declared(method, Personal.class) != null) {
            return Caller.personal(userId);
        }
        Permission needed = required(method);
        String organizationId = organizationOf(request, userId);
        return member(userId, organizationId, roleOf(request, organizationId, userId), needed);
    }

    /**
     * The organization a user's request acts in as far as it is known before its route is: the one its header
     * names, else the user's own. A route under {@code /api/organizations/{organizationId}} may name another.
     *
     * @return {@code null} for a header that names no possible id, which the route's access check refuses
     */
    static String organizationNamedBeforeRouting(HttpServletRequest request, String userId) {
        String named = request.getHeader(ORGANIZATION_HEADER);
        return named == null ? userId : ID.matcher(named).matches() ? named : null;
    }

    /** Keeps the user's role in the organization, read with their token, for the route's access check. */
    static void roleReadWithToken(
            HttpServletRequest request, String userId, String organizationId, Optional<Role> role) {
        request.setAttribute(ROLE_READ_WITH_TOKEN, new RoleRead(userId, organizationId, role));
    }

    private record RoleRead(String userId, String organizationId, Optional<Role> role) {}

    /** The role read with the token if the request acts in the organization it was read for, else read now. */
    private Optional<Role> roleOf(HttpServletRequest request, String organizationId, String userId) {
        if (request.getAttribute(ROLE_READ_WITH_TOKEN) instanceof RoleRead read
                && read.userId().equals(userId)
                && read.organizationId().equals(organizationId)) {
            return read.role();
        }
        return memberships.roleOf(organizationId, userId);
    }

    private static Caller member(String userId, String organizationId, Optional<Role> role, Permission needed) {
        Role member = role.orElseThrow(() -> new ApiException(
                ErrorCode.NOT_FOUND, "You are not a member of organization '" + organizationId + "'."));
        return admitted(new Caller(userId, organizationId, member), needed);
    }

    /**
     * A key acts in its own organization, which is also where a request that names none acts; named another, it
     * finds nothing there, as a stranger does. It never reaches a person's route: {@code 403}, since the route exists
     * for everyone and a key is simply not who may call it.
     */
    private static Caller apiKey(ApiKey key, HandlerMethod method, HttpServletRequest request) {
        if (declared(method, Personal.class) != null) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "An API key acts for its organization, not for a person; "
                            + "this route is a signed-in user's own.");
        }
        Permission needed = required(method);
        return key(key, organizationOf(request, key.organizationId()), needed);
    }

    private static Caller key(ApiKey key, String organizationId, Permission needed) {
        if (!organizationId.equals(key.organizationId())) {
            throw new ApiException(
                    ErrorCode.NOT_FOUND, "This API key is not one of organization '" + organizationId + "'.");
        }
        return admitted(key.caller(), needed);
    }

    private static Permission required(HandlerMethod method) {
        Requires requires = declared(method, Requires.class);
        if (requires == null) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "This route declares no permission, so it is refused to everyone.");
        }
        return requires.value();
    }

    private static Caller admitted(Caller caller, Permission needed) {
        if (!caller.may(needed)) {
            throw new ApiException(ErrorCode.FORBIDDEN, caller.shortOf(needed));
        }
        return caller;
    }

    /** @param unnamed where a request that names no organization acts */
    private static String organizationOf(HttpServletRequest request, String unnamed) {
        @SuppressWarnings("unchecked")
        Map<String, String> pathVariables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String named = pathVariables == null ? null : pathVariables.get(ORGANIZATION_PATH_VARIABLE);
        if (named == null) {
            named = request.getHeader(ORGANIZATION_HEADER);
        }
        return organizationNamed(named, unnamed);
    }

    private static String organizationNamed(String named, String unnamed) {
        if (named == null) {
            return unnamed;
        }
        if (!ID.matcher(named).matches()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "You are not a member of an organization with that id.");
        }
        return named;
    }

    private static <A extends java.lang.annotation.Annotation> A declared(HandlerMethod method, Class<A> annotation) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), annotation);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), annotation);
    }
}
