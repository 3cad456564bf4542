package io.voicepartner.query.assistant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.assistant.AssistantStatus;
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
import io.voicepartner.support.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The assistant read routes: only the caller's own assistants exist for them. */
@Requires(Permission.READ)
@RestController
class AssistantQueryController implements ResourceByIdRoute {

    private static final String ONE = "/api/assistants/{id}";

    private final AssistantRows rows;
    private final Reads reads;
    private final PointInTime pointInTime;
    private final ObjectMapper objectMapper;

    AssistantQueryController(AssistantRows rows, Reads reads, PointInTime pointInTime, ObjectMapper objectMapper) {
        this.rows = rows;
        this.reads = reads;
        this.pointInTime = pointInTime;
        this.objectMapper = objectMapper;
    }

    @GetMapping({"/api/assistants", "/api/assistants/"})
    ApiResponse<List<AssistantView>> list(
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String status,
            @RequestParam(name = "is_active", required = false) String isActive,
            @RequestParam(required = false) String q) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        AssistantRows.Filter filter = new AssistantRows.Filter(
                parameters.parsed("status", status, AssistantStatus::fromWireName),
                parameters.bool("is_active", isActive),
                parameters.query(q));
        parameters.validate();
        ListQuery.Page<AssistantView> page = rows.list(caller.organizationId(), filter, after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize, AssistantView::id));
    }

    @GetMapping("/api/assistants/{id}/tools")
    ApiResponse<List<AssistantView.AssignedTool>> tools(@PathVariable String id, Caller caller) {
        return ApiResponse.of(rows.find(caller.organizationId(), id)
                .map(AssistantView::tools)
                .orElseThrow(() -> ApiException.notFound("Assistant", id)));
    }

    @GetMapping("/api/assistants/{id}/files")
    ApiResponse<List<AssistantView.AssignedFile>> files(@PathVariable String id, Caller caller) {
        return ApiResponse.of(rows.find(caller.organizationId(), id)
                .map(AssistantView::files)
                .orElseThrow(() -> ApiException.notFound("Assistant", id)));
    }

    @Override
    @GetMapping(ONE)
    public ResponseEntity<ApiResponse<AssistantView>> get(
            @PathVariable String id,
            Caller caller,
            @RequestParam(name = PointInTime.AS_OF, required = false) String asOf,
            @RequestParam(name = PointInTime.REVISION, required = false) String revision,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Optional<ObjectNode> then =
                pointInTime.state(AggregateType.ASSISTANT, "Assistant", caller.organizationId(), id, asOf, revision);
        if (then.isPresent()) {
            return ResponseEntity.ok(ApiResponse.of(asItWas(then.get())));
        }
        return reads.one(
                "Assistant",
                id,
                minRevision,
                ifNoneMatch,
                () -> rows.revisionOf(caller.organizationId(), id).orElse(0),
                () -> rows.find(caller.organizationId(), id),
                AssistantView::revision);
    }

    /**
     * The assistant's configuration then, with the tools and files it had then that still exist, as they are
     * today (a deleted one cannot be shown).
     */
    private AssistantView asItWas(ObjectNode state) {
        List<String> toolIds = new ArrayList<>();
        state.withArray(AssistantHistory.TOOL_IDS).forEach(toolId -> toolIds.add(toolId.asText()));
        Map<String, Map<String, Object>> files = objectMapper.convertValue(
                state.withObject(AssistantHistory.FILES),
                new TypeReference<LinkedHashMap<String, Map<String, Object>>>() {});
        state.remove(List.of(AssistantHistory.TOOL_IDS, AssistantHistory.FILES, AssistantHistory.CLONED_FROM));
        state.set("tools", objectMapper.valueToTree(rows.liveTools(toolIds)));
        state.set("files", objectMapper.valueToTree(rows.liveFiles(files)));
        return objectMapper.convertValue(state, AssistantView.class);
    }

    @Override
    public String pattern() {
        return ONE;
    }
}
