package io.voicepartner.query.organization;

import io.voicepartner.query.web.Reads;
import io.voicepartner.support.security.ApiKey;
import io.voicepartner.support.security.OrganizationAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A read of an organization with {@code X-Min-Revision} waits for that revision before {@link OrganizationAccess}
 * asks whether the caller is a member: the write it reads back may be what made them one (opening the
 * organization, accepting an invitation), and deployed apart the query side learns of that membership from the
 * same events as of the revision. Without this wait the read-back of such a write would be refused as a stranger's
 * ({@code 404}) before the read model had caught up. The wait is the one {@link Reads} does, on the revision the
 * caller may see ({@link OrganizationRows#revisionSeenBy}): a stranger waits as long as for an organization that
 * does not exist. The route then does not wait a second time.
 */
@Configuration(proxyBeanMethods = false)
class OrganizationReadYourWrites implements HandlerInterceptor, WebMvcConfigurer {

    /** The request attribute saying the wait is done. */
    static final String AWAITED = OrganizationReadYourWrites.class.getName() + ".awaited";

    private final OrganizationRows organizations;
    private final Reads reads;

    OrganizationReadYourWrites(OrganizationRows organizations, Reads reads) {
        this.organizations = organizations;
        this.reads = reads;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // before the access check, which the service support registers at the default order
        registry.addInterceptor(this)
                .addPathPatterns(OrganizationQueryController.ONE)
                .order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String minRevision = request.getHeader(Reads.MIN_REVISION);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (minRevision == null
                || !HttpMethod.GET.matches(request.getMethod())
                || !(handler instanceof HandlerMethod)
                || authentication == null) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> pathVariables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String organizationId = pathVariables.get(OrganizationAccess.ORGANIZATION_PATH_VARIABLE);
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            reads.await(
                    organizationId, minRevision, () -> organizations.revisionSeenBy(organizationId, jwt.getSubject()));
        } else if (authentication.getPrincipal() instanceof ApiKey key) {
            // a key sees its own organization alone: any other waits as a stranger does
            reads.await(
                    organizationId,
                    minRevision,
                    () -> organizationId.equals(key.organizationId())
                            ? organizations.revisionOf(organizationId).orElse(0L)
                            : 0L);
        } else {
            return true;
        }
        request.setAttribute(AWAITED, true);
        return true;
    }
}
