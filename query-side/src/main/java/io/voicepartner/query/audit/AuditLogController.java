package io.voicepartner.query.audit;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.actor.Actors;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.UsageQuery;
import io.voicepartner.support.security.OrganizationAccess;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/organizations/{organizationId}/audit-log}: what happened in the organization and who did it,
 * newest first, for its owners and admins ({@link Permission#READ_AUDIT}); only a member gets this far
 * ({@link OrganizationAccess}). Each entry's actor is completed with the page ({@link Actors}).
 */
@RestController
class AuditLogController {

    /** The event types the log can hold: every type but usage's. */
    private static final Set<String> ACTIONS = EventCatalogue.all().stream()
            .filter(type -> type.aggregateType() != AggregateType.USAGE)
            .map(EventCatalogue.EventType::name)
            .collect(Collectors.toUnmodifiableSet());

    private final AuditRows rows;
    private final Actors actors;

    AuditLogController(AuditRows rows, Actors actors) {
        this.rows = rows;
        this.actors = actors;
    }

    @GetMapping("/api/organizations/{" + OrganizationAccess.ORGANIZATION_PATH_VARIABLE + "}/audit-log")
    @Requires(Permission.READ_AUDIT)
    ApiResponse<List<AuditEntry>> list(
            @PathVariable String organizationId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(name = "actor_id", required = false) String actorId,
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        UsageQuery.Position after = UsageQuery.position(parameters, cursor);
        Instant since = parameters.parsed("from", from, UsageQuery::time);
        Instant until = parameters.parsed("to", to, value -> UsageQuery.after(since, UsageQuery.time(value)));
        AuditRows.Filter filter = new AuditRows.Filter(
                parameters.parsed("actor_id", actorId, UsageQuery::id),
                parameters.parsed("resource_type", resourceType, AuditLogController::resourceType),
                parameters.parsed("resource_id", resourceId, UsageQuery::id),
                parameters.parsed("action", action, AuditLogController::action),
                since,
                until);
        parameters.validate();
        UsageQuery.Page<AuditEntry> page = rows.list(organizationId, filter, after, pageSize);
        return ApiResponse.page(
                actors.complete(page.items(), AuditEntry::actor, AuditEntry::withActor), page.meta(pageSize));
    }

    private static ResourceType resourceType(String value) {
        return ResourceType.fromWireName(value)
                .orElseThrow(() -> new IllegalArgumentException("must be one of "
                        + Arrays.stream(ResourceType.values())
                                .map(ResourceType::wireName)
                                .collect(Collectors.joining(", "))));
    }

    private static String action(String value) {
        if (!ACTIONS.contains(value)) {
            throw new IllegalArgumentException("must be an event type, e.g. AssistantUpdated, MemberAdded or "
                    + "SignInFailed (the type of an entry)");
        }
        return value;
    }
}
