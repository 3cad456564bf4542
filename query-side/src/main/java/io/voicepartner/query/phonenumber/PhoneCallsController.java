package io.voicepartner.query.phonenumber;

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

/** {@code GET /api/phone-numbers/{id}/calls}: the calls through a phone number, newest first, for its owner only. */
@Requires(Permission.READ)
@RestController
class PhoneCallsController {

    private final PhoneNumberRows numbers;
    private final PhoneCalls calls;

    PhoneCallsController(PhoneNumberRows numbers, PhoneCalls calls) {
        this.numbers = numbers;
        this.calls = calls;
    }

    @GetMapping("/api/phone-numbers/{id}/calls")
    ApiResponse<List<PhoneCallView>> list(
            @PathVariable String id,
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "assistant_id", required = false) String assistantId) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        UsageQuery.Position after = UsageQuery.position(parameters, cursor);
        Instant since = parameters.parsed("from", from, UsageQuery::time);
        Instant until = parameters.parsed("to", to, value -> UsageQuery.after(since, UsageQuery.time(value)));
        PhoneCalls.Filter filter =
                new PhoneCalls.Filter(since, until, parameters.parsed("assistant_id", assistantId, UsageQuery::id));
        parameters.validate();
        if (!numbers.exists(caller.organizationId(), id)) {
            throw ApiException.notFound("Phone number", id);
        }
        UsageQuery.Page<PhoneCallView> page = calls.list(caller.organizationId(), id, filter, after, pageSize);
        return ApiResponse.page(page.items(), page.meta(pageSize));
    }
}
