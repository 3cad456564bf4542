package io.voicepartner.query.webhook;

import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.query.web.Reads;
import io.voicepartner.query.web.SingleResourceRoute;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The webhook endpoint read routes: the caller's organization's endpoints, never their secrets. */
@Requires(Permission.READ)
@RestController
class WebhookEndpointQueryController implements SingleResourceRoute {

    static final String ONE = "/api/webhook-endpoints/{id}";
    static final String WHAT = "Webhook endpoint";

    private final WebhookEndpointRows rows;
    private final Reads reads;

    WebhookEndpointQueryController(WebhookEndpointRows rows, Reads reads) {
        this.rows = rows;
        this.reads = reads;
    }

    @GetMapping({"/api/webhook-endpoints", "/api/webhook-endpoints/"})
    ApiResponse<List<WebhookEndpointView>> list(
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        parameters.validate();
        ListQuery.Page<WebhookEndpointView> page = rows.list(caller.organizationId(), after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize, WebhookEndpointView::id));
    }

    @GetMapping(ONE)
    ResponseEntity<ApiResponse<WebhookEndpointView>> get(
            @PathVariable String id,
            Caller caller,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return reads.one(
                WHAT,
                id,
                minRevision,
                ifNoneMatch,
                () -> rows.revisionOf(caller.organizationId(), id).orElse(0),
                () -> rows.find(caller.organizationId(), id),
                WebhookEndpointView::revision);
    }

    @Override
    public String pattern() {
        return ONE;
    }

    @Override
    public ResponseEntity<?> read(Map<String, String> pathVariables, Caller caller, String minRevision) {
        return get(pathVariables.get("id"), caller, minRevision, null);
    }
}
