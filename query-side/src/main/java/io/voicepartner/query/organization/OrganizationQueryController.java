package io.voicepartner.query.organization;

import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.query.web.Reads;
import io.voicepartner.query.web.SingleResourceRoute;
import io.voicepartner.support.security.ApiKeyCaller;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.OrganizationAccess;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Personal;
import io.voicepartner.support.security.Requires;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization read routes. Under {@code /api/organizations/{organizationId}} only a member gets this far
 * ({@link OrganizationAccess}); what they read is the query side's own view of the organization, so an
 * organization shows the role its read model holds at the revision it shows.
 */
@RestController
class OrganizationQueryController implements SingleResourceRoute {

    static final String ONE = "/api/organizations/{" + OrganizationAccess.ORGANIZATION_PATH_VARIABLE + "}";

    private final OrganizationRows organizations;
    private final OrganizationMembers members;
    private final OrganizationInvitations invitations;
    private final OrganizationApiKeys apiKeys;
    private final Reads reads;

    OrganizationQueryController(
            OrganizationRows organizations,
            OrganizationMembers members,
            OrganizationInvitations invitations,
            OrganizationApiKeys apiKeys,
            Reads reads) {
        this.organizations = organizations;
        this.members = members;
        this.invitations = invitations;
        this.apiKeys = apiKeys;
        this.reads = reads;
    }

    @GetMapping({"/api/organizations", "/api/organizations/"})
    @Personal
    ApiResponse<List<OrganizationView>> list(
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return page(
                limit,
                cursor,
                (after, pageSize) -> organizations.listOf(caller.userId(), after, pageSize),
                OrganizationView::id);
    }

    /**
     * @param request where {@link OrganizationReadYourWrites} notes that it has already waited for
     *                {@code X-Min-Revision}; {@code null} for a read in process
     */
    @GetMapping(ONE)
    @Requires(Permission.READ)
    ResponseEntity<ApiResponse<OrganizationView>> get(
            @PathVariable String organizationId,
            Caller caller,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            HttpServletRequest request) {
        boolean awaited = request != null && request.getAttribute(OrganizationReadYourWrites.AWAITED) != null;
        if (caller instanceof ApiKeyCaller key) {
            // the access check admits a key to its own organization alone; a read in process is held to the same
            boolean its = organizationId.equals(key.organizationId());
            return reads.one(
                    "Organization",
                    organizationId,
                    awaited ? null : minRevision,
                    ifNoneMatch,
                    () -> its ? organizations.revisionOf(organizationId).orElse(0L) : 0L,
                    () -> its ? organizations.findForItsKey(organizationId) : Optional.empty(),
                    OrganizationView::revision);
        }
        return reads.one(
                "Organization",
                organizationId,
                awaited ? null : minRevision,
                ifNoneMatch,
                () -> organizations.revisionSeenBy(organizationId, caller.userId()),
                () -> organizations.find(organizationId, caller.userId()),
                OrganizationView::revision);
    }

    @GetMapping(ONE + "/members")
    @Requires(Permission.READ)
    ApiResponse<List<MemberView>> members(
            @PathVariable String organizationId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return page(
                limit, cursor, (after, pageSize) -> members.list(organizationId, after, pageSize), MemberView::userId);
    }

    @GetMapping(ONE + "/invitations")
    @Requires(Permission.ADMINISTER)
    ApiResponse<List<InvitationView>> invitations(
            @PathVariable String organizationId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return page(
                limit,
                cursor,
                (after, pageSize) -> invitations.list(organizationId, after, pageSize),
                InvitationView::id);
    }

    /** Its keys, revoked ones included, never with their secrets. */
    @GetMapping(ONE + "/api-keys")
    @Requires(Permission.ADMINISTER)
    ApiResponse<List<ApiKeyView>> apiKeys(
            @PathVariable String organizationId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return page(limit, cursor, (after, pageSize) -> apiKeys.list(organizationId, after, pageSize), ApiKeyView::id);
    }

    /** @param read one page: after the key the cursor names ({@code null} for the first), of the size asked */
    private static <T> ApiResponse<List<T>> page(
            String limit,
            String cursor,
            BiFunction<String, Integer, ListQuery.Page<T>> read,
            Function<T, String> keyOf) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        parameters.validate();
        ListQuery.Page<T> page = read.apply(after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize, keyOf));
    }

    @Override
    public String pattern() {
        return ONE;
    }

    @Override
    public ResponseEntity<?> read(Map<String, String> pathVariables, Caller caller, String minRevision) {
        return get(pathVariables.get(OrganizationAccess.ORGANIZATION_PATH_VARIABLE), caller, minRevision, null, null);
    }
}
