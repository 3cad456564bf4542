package io.voicepartner.command.organization;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.organization.ChangeMemberRole;
import io.voicepartner.api.organization.CreateOrganization;
import io.voicepartner.api.organization.DeleteOrganization;
import io.voicepartner.api.organization.RemoveMember;
import io.voicepartner.api.organization.RenameOrganization;
import io.voicepartner.api.organization.RevokeInvitation;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Memberships;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Personal;
import io.voicepartner.support.security.Requires;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization write routes: each maps its request to a command for the caller and answers the organization as
 * its read shows it at the revision the write reached (an invitation answers itself, with its token, once). The
 * organization decides who may do what; a route's {@link Requires} is what lets a member reach it at all.
 */
@RestController
class OrganizationWriteController {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final Set<String> NAME = Set.of("name");
    private static final Set<String> ROLE = Set.of("role");
    private static final Set<String> EMAIL_AND_ROLE = Set.of("email", "role");
    private static final String SERVER_OWNED = "is set by the server and cannot be written";
    private static final Map<String, String> ORGANIZATION_READ_ONLY = Map.of(
            "personal", "is set by the server: only sign-up opens a personal organization",
            "role", "is the caller's own; change members' roles through /api/organizations/{id}/members/{user_id}");
    private static final Map<String, String> INVITATION_READ_ONLY =
            Map.of("token", SERVER_OWNED, "expires_at", SERVER_OWNED, "status", SERVER_OWNED);
    /** How long an invitation can be accepted. */
    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private final Commands commands;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final WriteResponses responses;
    private final Memberships memberships;
    private final Invitations invitations;

    OrganizationWriteController(
            Commands commands,
            Ids ids,
            JsonRequestReader reader,
            WriteResponses responses,
            Memberships memberships,
            Invitations invitations) {
        this.commands = commands;
        this.ids = ids;
        this.reader = reader;
        this.responses = responses;
        this.memberships = memberships;
        this.invitations = invitations;
    }

    /** The caller opens an organization and is its owner. */
    @Personal
    @PostMapping(
            path = {"/api/organizations", "/api/organizations/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(
            @RequestBody JsonNode body, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        OrganizationRequest request = reader.read(body, OrganizationRequest.class, ORGANIZATION_READ_ONLY, NAME, NAME)
                .value();
        String id = ids.next();
        commands.send(new CreateOrganization(id, request.name(), caller.userId(), false), caller.actor());
        return responses.created(location(id), id, 1, new Caller(caller.userId(), id, Role.OWNER), authorization);
    }

    @Requires(Permission.ADMINISTER)
    @PatchMapping(
            path = "/api/organizations/{organizationId}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> rename(
            @PathVariable String organizationId,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        OrganizationRequest request = reader.read(body, OrganizationRequest.class, ORGANIZATION_READ_ONLY, NAME, NAME)
                .value();
        long revision =
                commands.send(new RenameOrganization(organizationId, request.name(), expectedRevision), caller.actor());
        return responses.updated(location(organizationId), organizationId, revision, caller, authorization);
    }

    /** Refused while the organization has live phone numbers, and for a personal organization. */
    @Requires(Permission.DELETE_ORGANIZATION)
    @DeleteMapping("/api/organizations/{organizationId}")
    ResponseEntity<Object> delete(
            @PathVariable String organizationId,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        long revision = commands.send(
                new DeleteOrganization(organizationId, IfMatch.expectedRevision(ifMatch)), caller.actor());
        return responses.deleted(location(organizationId), organizationId, revision, caller, authorization);
    }

    @Requires(Permission.ADMINISTER)
    @PatchMapping(
            path = "/api/organizations/{organizationId}/members/{userId}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> changeRole(
            @PathVariable String organizationId,
            @PathVariable String userId,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireId("Member", userId);
        MemberRequest request =
                reader.read(body, MemberRequest.class, Map.of(), ROLE, ROLE).value();
        long revision = commands.send(new ChangeMemberRole(organizationId, userId, request.role()), caller.actor());
        return responses.updated(location(organizationId), organizationId, revision, now(caller), authorization);
    }

    /** Any member may leave (the organization decides that removing another takes an admin). */
    @Requires(Permission.READ)
    @DeleteMapping("/api/organizations/{organizationId}/members/{userId}")
    ResponseEntity<Object> removeMember(
            @PathVariable String organizationId,
            @PathVariable String userId,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireId("Member", userId);
        long revision = commands.send(new RemoveMember(organizationId, userId), caller.actor());
        return responses.removed(location(organizationId), userId, revision, now(caller), authorization);
    }

    /** Answers the token this once; only its hash is stored, and the address only sealed ({@link Invitations}). */
    @Requires(Permission.ADMINISTER)
    @PostMapping(path = "/api/organizations/{organizationId}/invitations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<IssuedInvitation>> invite(
            @PathVariable String organizationId,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        InvitationRequest request = reader.read(
                        body, InvitationRequest.class, INVITATION_READ_ONLY, EMAIL_AND_ROLE, EMAIL_AND_ROLE)
                .value();
        String invitationId = ids.next();
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        InvitationTokens.Issued token = InvitationTokens.issue();
        // as the event will carry it: the platform's times travel with milliseconds
        Instant expiresAt = Instant.now().plus(INVITATION_VALIDITY).truncatedTo(ChronoUnit.MILLIS);
        long revision = invitations.invite(
                organizationId, invitationId, email, request.role(), token.hash(), expiresAt, caller.actor());
        return responses.createdOnce(
                new IssuedInvitation(invitationId, email, request.role(), token.token(), expiresAt, "pending"),
                location(organizationId),
                revision,
                caller,
                authorization);
    }

    @Requires(Permission.ADMINISTER)
    @DeleteMapping("/api/organizations/{organizationId}/invitations/{invitationId}")
    ResponseEntity<Object> revoke(
            @PathVariable String organizationId,
            @PathVariable String invitationId,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requireId("Invitation", invitationId);
        long revision = commands.send(new RevokeInvitation(organizationId, invitationId), caller.actor());
        return responses.removed(location(organizationId), invitationId, revision, caller, authorization);
    }

    /** The signed-in user joins with the invitation's role, and reads the organization as its member. */
    @Personal
    @PostMapping("/api/invitations/{token}/accept")
    ResponseEntity<Object> accept(
            @PathVariable String token, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Invitations.Accepted accepted = invitations.accept(token, caller.userId());
        Caller member = now(new Caller(caller.userId(), accepted.organizationId(), null));
        return responses.updated(
                location(accepted.organizationId()),
                accepted.organizationId(),
                accepted.revision(),
                member,
                authorization);
    }

    /** The caller with the role the write left them (a member may have changed their own, or left). */
    private Caller now(Caller caller) {
        return new Caller(
                caller.userId(),
                caller.organizationId(),
                memberships.roleOf(caller.organizationId(), caller.userId()).orElse(null));
    }

    /** An id this platform cannot have issued (not a UUID) is unknown without asking the event store. */
    static void requireId(String kind, String id) {
        if (id.length() != 36 || !id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0)) {
            throw Refusal.notFound(kind, id);
        }
    }

    private static String location(String organizationId) {
        return "/api/organizations/" + organizationId;
    }
}
