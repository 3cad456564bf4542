package io.voicepartner.query.live;

import io.voicepartner.support.security.ApiKey;
import io.voicepartner.support.security.OrganizationAccess;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Carries into the WebSocket what the upgrade request's headers proved: the user or API key the security filters
 * authenticated from {@code Authorization} (an invalid token never gets this far: {@code 401}), and the organization
 * {@code X-Organization-Id} names. Without that header the socket opens unauthenticated and waits for its first
 * message ({@link LiveWebSocket}).
 */
final class LiveHandshake implements HandshakeInterceptor {

    static final String PRINCIPAL = "principal";
    static final String ORGANIZATION = "organization";

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && (authentication.getPrincipal() instanceof Jwt || authentication.getPrincipal() instanceof ApiKey)) {
            attributes.put(PRINCIPAL, authentication.getPrincipal());
            String organization = request.getHeaders().getFirst(OrganizationAccess.ORGANIZATION_HEADER);
            if (organization != null) {
                attributes.put(ORGANIZATION, organization);
            }
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
