package io.voicepartner.query.tool;

import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.UsageQuery;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tools/{id}/executions}: a tool's executions, newest first, for its owner only. */
@Requires(Permission.READ)
@RestController
class ToolExecutionsController {

    private final ToolRows tools;
    private final ToolExecutions executions;

    ToolExecutionsController(ToolRows tools, ToolExecutions executions) {
        this.tools = tools;
        this.executions = executions;
    }

    @GetMapping("/api/tools/{id}/executions")
    ApiResponse<List<ToolExecutionView>> list(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String success,
            @RequestParam(name = "assistant_id", required = false) String assistantId) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        UsageQuery.Position after = UsageQuery.position(parameters, cursor);
        Instant since = parameters.parsed("from", from, UsageQuery::time);
        Instant until = parameters.parsed("to", to, value -> UsageQuery.after(since, UsageQuery.time(value)));
        ToolExecutions.Filter filter = new ToolExecutions.Filter(
                since,
                until,
                parameters.bool("success", success),
                parameters.parsed("assistant_id", assistantId, UsageQuery::id));
        parameters.validate();
        if (!tools.exists(caller.organizationId(), id)) {
            throw ApiException.notFound("Tool", id);
        }
        UsageQuery.Page<ToolExecutionView> page = executions.list(caller.organizationId(), id, filter, after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize));
    }
}
