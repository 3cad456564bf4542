package io.voicepartner.command.organization;

import io.voicepartner.command.web.DocumentedWrites;
import io.voicepartner.command.web.DocumentedWrites.Route;
import io.voicepartner.support.docs.DocumentedSchemas;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The organization write routes as the API document shows them: they answer the organization as its read shows it
 * ({@code OrganizationView}). An invitation and an API key answer themselves, with their secret, which no read shows
 * again: their bodies and answers are in the reference catalogue ({@code organizations.yaml}).
 */
@Configuration(proxyBeanMethods = false)
class OrganizationDocumentation {

    private static final String ORGANIZATION = "OrganizationView";
    private static final String MEMBERS = "/api/organizations/{organizationId}/members/{userId}";

    @Bean
    DocumentedWrites organizationWrites() {
        return new DocumentedWrites(List.of(
                new Route(
                        HttpMethod.POST,
                        "/api/organizations",
                        OrganizationRequest.class,
                        ORGANIZATION,
                        HttpStatus.CREATED,
                        """
                        {"name": "Example Dental"}
                        """),
                new Route(
                        HttpMethod.PATCH,
                        "/api/organizations/{organizationId}",
                        OrganizationRequest.class,
                        ORGANIZATION,
                        HttpStatus.OK,
                        """
                        {"name": "Example Dental Berlin"}
                        """),
                new Route(HttpMethod.DELETE, "/api/organizations/{organizationId}", null, null, HttpStatus.OK),
                new Route(HttpMethod.PATCH, MEMBERS, MemberRequest.class, ORGANIZATION, HttpStatus.OK, """
                        {"role": "admin"}
                        """),
                new Route(HttpMethod.DELETE, MEMBERS, null, null, HttpStatus.OK),
                new Route(
                        HttpMethod.DELETE,
                        "/api/organizations/{organizationId}/invitations/{invitationId}",
                        null,
                        null,
                        HttpStatus.OK),
                new Route(
                        HttpMethod.DELETE,
                        "/api/organizations/{organizationId}/api-keys/{keyId}",
                        null,
                        null,
                        HttpStatus.OK),
                new Route(HttpMethod.POST, "/api/invitations/{token}/accept", null, ORGANIZATION, HttpStatus.OK)));
    }

    /** The bodies of an invitation and of an API key, read by hand. */
    @Bean
    DocumentedSchemas invitationBodies() {
        return new DocumentedSchemas(List.of(InvitationRequest.class, ApiKeyRequest.class));
    }
}
