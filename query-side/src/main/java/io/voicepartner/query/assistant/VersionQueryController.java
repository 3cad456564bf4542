package io.voicepartner.query.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Parameter;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.ListQuery;
import io.voicepartner.query.web.Reads;
import io.voicepartner.query.web.SingleResourceRoute;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
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

/**
 * The published versions of the caller's own assistants: another user's assistant, and so its versions, do
 * not exist for the caller ({@code 404}), and neither does a version number the assistant has not reached.
 */
@Requires(Permission.READ)
@RestController
class VersionQueryController implements SingleResourceRoute {

    private static final String ONE = "/api/assistants/{id}/versions/{number}";

    private static final String CURRENT = "current";

    private final VersionRows rows;
    private final Reads reads;

    VersionQueryController(VersionRows rows, Reads reads) {
        this.rows = rows;
        this.reads = reads;
    }

    @GetMapping({"/api/assistants/{id}/versions", "/api/assistants/{id}/versions/"})
    ApiResponse<List<AssistantVersionSummary>> list(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        parameters.validate();
        requireOwned(caller, id);
        ListQuery.Page<AssistantVersionSummary> page =
                rows.list(id, after == null ? null : afterNumber(after), pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize, version -> Integer.toString(version.number())));
    }

    @GetMapping(ONE)
    ResponseEntity<ApiResponse<AssistantVersionView>> get(
            @PathVariable String id,
            @PathVariable String number,
            Caller caller,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        int wanted = versionNumber(id, number);
        // the publish that asks for this read waits for the assistant's revision: versions are projected with it
        return reads.one(
                "Version " + number + " of assistant",
                id,
                minRevision,
                ifNoneMatch,
                () -> rows.assistantRevision(caller.organizationId(), id),
                () -> rows.ownedAssistant(caller.organizationId(), id).isPresent()
                        ? rows.find(id, wanted)
                        : Optional.empty(),
                AssistantVersionView::revision);
    }

    /**
     * From version {@code number} to {@code against}: another version, or {@code current}, the draft as it
     * is now. {@code against} is required; anything but a positive number or {@code current} is a 400.
     */
    @GetMapping("/api/assistants/{id}/versions/{number}/diff")
    ApiResponse<VersionDiff.Differences> diff(
            @PathVariable String id,
            @PathVariable String number,
            Caller caller,
            // required, but checked here: a request without it is answered naming it
            @Parameter(required = true) @RequestParam(required = false) String against) {
        // another user's assistant is a 404 whatever else is asked of it: nothing about it is told
        requireOwned(caller, id);
        int from = versionNumber(id, number);
        if (against == null || !(against.equals(CURRENT) || against.matches("[1-9][0-9]{0,8}"))) {
            throw ApiException.invalid("against", "must be a version number or \"current\"");
        }
        JsonNode older = configurationOf(id, from);
        JsonNode newer = against.equals(CURRENT)
                ? rows.currentConfiguration(caller.organizationId(), id)
                        .orElseThrow(() -> ApiException.notFound("Assistant", id))
                : configurationOf(id, Integer.parseInt(against));
        return ApiResponse.of(VersionDiff.between(from, against, older, newer));
    }

    private JsonNode configurationOf(String id, int number) {
        return rows.find(id, number)
                .map(version -> rows.tree(version.configuration()))
                .orElseThrow(() -> ApiException.notFound("Version " + number + " of assistant", id));
    }

    private void requireOwned(Caller caller, String id) {
        if (rows.ownedAssistant(caller.organizationId(), id).isEmpty()) {
            throw ApiException.notFound("Assistant", id);
        }
    }

    /** Anything but a version number names no version: 404, like an unknown id. */
    private static int versionNumber(String id, String number) {
        if (!number.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.notFound("Version " + number + " of assistant", id);
        }
        return Integer.parseInt(number);
    }

    /** A cursor this route did not issue names no version: a 400 for the cursor, like any bad cursor. */
    private static int afterNumber(String cursor) {
        if (!cursor.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.invalid("cursor", "is not a cursor this list issued");
        }
        return Integer.parseInt(cursor);
    }

    @Override
    public String pattern() {
        return ONE;
    }

    @Override
    public ResponseEntity<?> read(Map<String, String> path, Caller caller, String minRevision) {
        return get(path.get("id"), path.get("number"), caller, minRevision, null);
    }
}
