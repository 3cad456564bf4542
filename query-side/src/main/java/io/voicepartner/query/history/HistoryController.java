package io.voicepartner.query.history;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.api.web.PageMeta;
import io.voicepartner.query.actor.Actors;
import io.voicepartner.query.web.Cursors;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resource's events, oldest first, paginated like the lists, each with its actor as the audit log shows it. Only
 * the organization's resources have a history here, and a deleted resource keeps it.
 */
@Requires(Permission.READ)
@RestController
class HistoryController {

    private final HistoryRows rows;
    private final Actors actors;

    HistoryController(HistoryRows rows, Actors actors) {
        this.rows = rows;
        this.actors = actors;
    }

    @GetMapping("/api/assistants/{id}/history")
    ApiResponse<List<HistoryEntry>> assistant(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return history(AggregateType.ASSISTANT, "Assistant", id, caller, limit, cursor);
    }

    @GetMapping("/api/tools/{id}/history")
    ApiResponse<List<HistoryEntry>> tool(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return history(AggregateType.TOOL, "Tool", id, caller, limit, cursor);
    }

    @GetMapping("/api/files/{id}/history")
    ApiResponse<List<HistoryEntry>> file(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return history(AggregateType.FILE, "File", id, caller, limit, cursor);
    }

    @GetMapping("/api/phone-numbers/{id}/history")
    ApiResponse<List<HistoryEntry>> phoneNumber(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return history(AggregateType.PHONE_NUMBER, "Phone number", id, caller, limit, cursor);
    }

    private ApiResponse<List<HistoryEntry>> history(
            AggregateType type, String what, String id, Caller caller, String limit, String cursor) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        parameters.validate();
        long afterRevision = after == null ? 0 : afterRevision(after);
        if (!rows.exists(type, caller.organizationId(), id)) {
            throw ApiException.notFound(what, id);
        }
        HistoryRows.Page page = rows.page(type, caller.organizationId(), id, afterRevision, pageSize);
        String next = page.hasMore()
                ? Cursors.encode(
                        Long.toString(page.items().get(page.items().size() - 1).revision()))
                : null;
        return ApiResponse.page(
                actors.complete(page.items(), HistoryEntry::actor, HistoryEntry::withActor),
                new PageMeta(pageSize, next, page.total()));
    }

    /** A history cursor carries the revision of the page's last entry. */
    private static long afterRevision(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API issued");
        }
    }
}
