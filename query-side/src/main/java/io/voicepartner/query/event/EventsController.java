package io.voicepartner.query.event;

import io.voicepartner.api.messaging.PublicEventTypes;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.api.web.PageMeta;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/events}: the organization's configuration changes, oldest first from a cursor, for whoever may read
 * its configuration; {@code GET /api/events/{id}}: one of them. A client that stores {@code meta.next_cursor} and
 * asks again with it gets every later event once, in order (ADR 0031), also after a restore of the platform; a cursor
 * whose last event the restore lost is a {@code 410} naming {@code after} (ADR 0041).
 */
@Requires(Permission.READ)
@RestController
class EventsController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final EventFeed feed;

    EventsController(EventFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/api/events")
    ApiResponse<List<PublicEvent>> list(
            Caller caller,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String types,
            @RequestParam(required = false) String limit) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        FeedCursor from = parameters.parsed("after", blankAsNull(after), FeedCursor::decode);
        Set<String> wanted = parameters.parsed("types", types, EventsController::types);
        parameters.validate();
        Set<String> filter = wanted == null ? Set.of() : wanted;
        EventFeed.Page page;
        try {
            page = feed.read(caller.organizationId(), from, filter, pageSize);
        } catch (EventFeed.CursorGone e) {
            throw e.refusal("after");
        }
        FeedCursor next = page.next();
        return ApiResponse.page(
                page.entries().stream().map(EventFeed.Entry::event).toList(),
                new PageMeta(
                        pageSize, next == null ? null : next.encode(), feed.count(caller.organizationId(), filter)));
    }

    @GetMapping("/api/events/{id}")
    ApiResponse<PublicEvent> one(Caller caller, @PathVariable String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiException.notFound("Event", id.length() > 64 ? id.substring(0, 64) + "…" : id);
        }
        return ApiResponse.of(feed.find(caller.organizationId(), id)
                .map(EventFeed.Entry::event)
                .orElseThrow(() -> ApiException.notFound("Event", id)));
    }

    /** A comma-separated list of public types, each one the feed knows. */
    static Set<String> types(String value) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : value.split(",", -1)) {
            String trimmed = type.trim();
            if (!PublicEventTypes.all().contains(trimmed)) {
                throw new IllegalArgumentException("'" + (trimmed.length() > 64 ? trimmed.substring(0, 64) : trimmed)
                        + "' is not an event type; known: " + String.join(", ", PublicEventTypes.all()));
            }
            types.add(trimmed);
        }
        return types;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
