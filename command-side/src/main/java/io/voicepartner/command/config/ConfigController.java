package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Configuration as code: the organization's configuration exported as one bundle, a bundle planned against it, and
 * applied. Bodies are JSON or YAML ({@link BundleFormat}); the decisions are {@link ConfigurationPlans}'.
 */
@RestController
class ConfigController {

    private static final String YAML = BundleFormat.YAML_TYPE;

    private final ConfigurationPlans plans;

    ConfigController(ConfigurationPlans plans) {
        this.plans = plans;
    }

    /** The bundle itself, not an envelope: a document to keep in Git and send back as it is. */
    @Requires(Permission.READ)
    @GetMapping("/api/config/export")
    ResponseEntity<String> export(
            Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, HttpServletRequest request) {
        // read from the request, not declared: the API document describes the media types, not these headers
        BundleFormat format = BundleFormat.ofAccept(request.getHeader(HttpHeaders.ACCEPT));
        JsonNode bundle = plans.export(caller, authorization);
        return ResponseEntity.ok()
                .contentType(new MediaType(format.mediaType(), StandardCharsets.UTF_8))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .body(format.write(bundle));
    }

    @Requires(Permission.READ)
    @PostMapping(
            path = "/api/config/plan",
            consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml", "text/x-yaml"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<ConfigurationPlans.PlanAnswer>> plan(
            @RequestBody byte[] body,
            HttpServletRequest http,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ConfigRequest request =
                ConfigRequest.of(BundleFormat.ofContent(http.getContentType()).read(body));
        return ResponseEntity.ok(ApiResponse.of(plans.plan(request, caller, authorization)));
    }

    @Requires(Permission.WRITE)
    @PostMapping(
            path = "/api/config/apply",
            consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml", "text/x-yaml"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<ConfigurationPlans.ApplyAnswer>> apply(
            @RequestBody byte[] body,
            HttpServletRequest http,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ConfigRequest request =
                ConfigRequest.of(BundleFormat.ofContent(http.getContentType()).read(body));
        return ResponseEntity.ok(ApiResponse.of(plans.apply(request, caller, authorization)));
    }
}
