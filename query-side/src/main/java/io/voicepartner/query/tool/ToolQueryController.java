package io.voicepartner.query.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.history.PointInTime;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.query.web.Reads;
import io.voicepartner.query.web.ResourceByIdRoute;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tool read routes: only the caller's own tools exist for them. */
@Requires(Permission.READ)
@RestController
class ToolQueryController implements ResourceByIdRoute {

    private static final String ONE = "/api/tools/{id}";

    private static final int MAX_CATEGORY_LENGTH = 100;

    private final ToolRows rows;
    private final Reads reads;
    private final PointInTime pointInTime;
    private final ObjectMapper objectMapper;

    ToolQueryController(ToolRows rows, Reads reads, PointInTime pointInTime, ObjectMapper objectMapper) {
        this.rows = rows;
        this.reads = reads;
        this.pointInTime = pointInTime;
        this.objectMapper = objectMapper;
    }

    @GetMapping({"/api/tools", "/api/tools/"})
    ApiResponse<List<ToolView>> list(
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String category,
            @RequestParam(name = "is_active", required = false) String isActive,
            @RequestParam(required = false) String q) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        ToolRows.Filter filter = new ToolRows.Filter(
                parameters.parsed("category", category, ToolQueryController::category),
                parameters.bool("is_active", isActive),
                parameters.query(q));
        parameters.validate();
        ListQuery.Page<ToolView> page = rows.list(caller.organizationId(), filter, after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize, ToolView::id));
    }

    @Override
    @GetMapping(ONE)
    public ResponseEntity<ApiResponse<ToolView>> get(
            @PathVariable String id,
            Caller caller,
            @RequestParam(name = PointInTime.AS_OF, required = false) String asOf,
            @RequestParam(name = PointInTime.REVISION, required = false) String revision,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Optional<ObjectNode> then =
                pointInTime.state(AggregateType.TOOL, "Tool", caller.organizationId(), id, asOf, revision);
        if (then.isPresent()) {
            return ResponseEntity.ok(ApiResponse.of(asItWas(then.get(), caller.organizationId(), id)));
        }
        return reads.one(
                "Tool",
                id,
                minRevision,
                ifNoneMatch,
                () -> rows.revisionOf(caller.organizationId(), id).orElse(0),
                () -> rows.find(caller.organizationId(), id),
                ToolView::revision);
    }

    /** Matched exactly; an empty one is no filter, and one longer than any tool can have is a mistake. */
    private static String category(String value) {
        if (value.length() > MAX_CATEGORY_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_CATEGORY_LENGTH + " characters");
        }
        return value.isBlank() ? null : value;
    }

    /** The tool's configuration then; its usage and the assistants using it are today's (none if deleted). */
    private ToolView asItWas(ObjectNode state, String ownerId, String id) {
        Optional<ToolView> now = rows.find(ownerId, id);
        state.put("total_calls", now.map(ToolView::totalCalls).orElse(0L));
        state.set(
                "last_used",
                objectMapper.valueToTree(now.map(ToolView::lastUsed).orElse(null)));
        state.set(
                "avg_response_time",
                objectMapper.valueToTree(now.map(ToolView::avgResponseTime).orElse(null)));
        state.set("used_by", objectMapper.valueToTree(now.map(ToolView::usedBy).orElse(List.of())));
        return objectMapper.convertValue(state, ToolView.class);
    }

    @Override
    public String pattern() {
        return ONE;
    }
}
