package io.voicepartner.analytics.figures;

import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/analytics/...}: the caller's own figures over {@code from}..{@code to} (UTC days, both
 * included). Figures follow the topics, so they lag the writes by as long as the consumer does.
 */
@Requires(Permission.READ_ANALYTICS)
@RestController
class AnalyticsController {

    private final Figures figures;

    AnalyticsController(Figures figures) {
        this.figures = figures;
    }

    @GetMapping("/api/analytics/assistants")
    ApiResponse<List<Figures.AssistantsPerDay>> assistants(
            Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return ApiResponse.of(figures.assistantsCreated(caller.organizationId(), DateRange.of(from, to)));
    }

    @GetMapping("/api/analytics/tool-executions")
    ApiResponse<List<Figures.ToolExecutionsPerAssistant>> toolExecutions(
            Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return ApiResponse.of(figures.toolExecutions(caller.organizationId(), DateRange.of(from, to)));
    }

    @GetMapping("/api/analytics/file-uploads")
    ApiResponse<List<Figures.UploadsPerDay>> fileUploads(
            Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return ApiResponse.of(figures.fileUploads(caller.organizationId(), DateRange.of(from, to)));
    }

    @GetMapping("/api/analytics/phone-numbers")
    ApiResponse<List<Figures.PhoneNumberUsage>> phoneNumbers(
            Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return ApiResponse.of(figures.phoneNumberUsage(caller.organizationId(), DateRange.of(from, to)));
    }
}
