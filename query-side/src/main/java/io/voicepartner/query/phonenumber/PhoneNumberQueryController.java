package io.voicepartner.query.phonenumber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The phone number read routes: only the caller's own numbers exist for them. */
@Requires(Permission.READ)
@RestController
class PhoneNumberQueryController implements ResourceByIdRoute {

    private static final String ONE = "/api/phone-numbers/{id}";

    private final PhoneNumberRows rows;
    private final Reads reads;
    private final PointInTime pointInTime;
    private final ObjectMapper objectMapper;

    PhoneNumberQueryController(PhoneNumberRows rows, Reads reads, PointInTime pointInTime, ObjectMapper objectMapper) {
        this.rows = rows;
        this.reads = reads;
        this.pointInTime = pointInTime;
        this.objectMapper = objectMapper;
    }

    @GetMapping({"/api/phone-numbers", "/api/phone-numbers/"})
    ApiResponse<List<PhoneNumberView>> list(
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String status,
            @RequestParam(name = "assistant_id", required = false) String assistantId,
            @RequestParam(required = false) String country,
            @RequestParam(required = false) String q) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        PhoneNumberRows.Filter filter = new PhoneNumberRows.Filter(
                parameters.parsed("status", status, PhoneNumberStatus::fromWireName),
                assistantId == null || assistantId.isBlank() ? null : assistantId.trim(),
                parameters.parsed("country", country, PhoneNumberQueryController::countryCode),
                parameters.query(q));
        parameters.validate();
        ListQuery.Page<PhoneNumberView> page = rows.list(caller.organizationId(), filter, after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize, PhoneNumberView::id));
    }

    @Override
    @GetMapping(ONE)
    public ResponseEntity<ApiResponse<PhoneNumberView>> get(
            @PathVariable String id,
            Caller caller,
            @RequestParam(name = PointInTime.AS_OF, required = false) String asOf,
            @RequestParam(name = PointInTime.REVISION, required = false) String revision,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Optional<ObjectNode> then = pointInTime.state(
                AggregateType.PHONE_NUMBER, "Phone number", caller.organizationId(), id, asOf, revision);
        if (then.isPresent()) {
            return ResponseEntity.ok(ApiResponse.of(asItWas(then.get(), caller.organizationId(), id)));
        }
        return reads.one(
                "Phone number",
                id,
                minRevision,
                ifNoneMatch,
                () -> rows.revisionOf(caller.organizationId(), id).orElse(0),
                () -> rows.find(caller.organizationId(), id),
                PhoneNumberView::revision);
    }

    /** A filter, not a write: {@code de} is read as {@code DE}. */
    private static String countryCode(String value) {
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("must be an ISO 3166-1 alpha-2 code, such as DE");
        }
        return code;
    }

    /** The number's configuration then; its usage is today's (none if released), bought when it was created. */
    private PhoneNumberView asItWas(ObjectNode state, String ownerId, String id) {
        Optional<PhoneNumberView> now = rows.find(ownerId, id);
        state.set(
                "usage",
                objectMapper.valueToTree(now.map(PhoneNumberView::usage).orElse(Map.of("calls", 0, "minutes", 0))));
        state.set(
                "purchased_at",
                now.<JsonNode>map(view -> objectMapper.valueToTree(view.purchasedAt()))
                        .orElse(state.get("created_at")));
        state.set(
                "last_used",
                objectMapper.valueToTree(now.map(PhoneNumberView::lastUsed).orElse(null)));
        return objectMapper.convertValue(state, PhoneNumberView.class);
    }

    @Override
    public String pattern() {
        return ONE;
    }
}
