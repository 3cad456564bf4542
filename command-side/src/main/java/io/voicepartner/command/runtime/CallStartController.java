package io.voicepartner.command.runtime;

import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/runtime/phone-numbers/{e164}}: the voice runtime asks, when a call reaches a number, what answers
 * it. Served by the command side, which alone holds the key that opens the tools' credentials, from its lookups.
 * The answer carries credentials in clear, so nothing on the way may keep it ({@code Cache-Control: no-store}).
 */
@Requires(Permission.READ_RUNTIME)
@RestController
class CallStartController {

    private final CallStarts callStarts;

    CallStartController(CallStarts callStarts) {
        this.callStarts = callStarts;
    }

    @GetMapping("/api/runtime/phone-numbers/{e164}")
    ResponseEntity<ApiResponse<CallStartAnswer>> lookUp(@PathVariable String e164, Caller caller) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(ApiResponse.of(callStarts.answer(caller, e164)));
    }
}
