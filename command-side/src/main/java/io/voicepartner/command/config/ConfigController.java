package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Configuration as code: the organization's configuration exported as one bundle, a bundle planned against it, and
 * applied. Bodies are JSON or YAML ({@link BundleFormat}); the decisions are {@link ConfigurationPlans}'.
 */
@RestController
class ConfigController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
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
    @Operation(
            requestBody =
                    @RequestBody(
                            required = true,
                            content = {@Content(mediaType = JSON), @Content(mediaType = YAML)}))
    @PostMapping(
            path = "/api/config/plan",
            consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml", "text/x-yaml"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<ConfigurationPlans.PlanAnswer>> plan(
            HttpServletRequest http, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ConfigRequest request = read(http);
        return ResponseEntity.ok(ApiResponse.of(plans.plan(request, caller, authorization)));
    }

    @Requires(Permission.WRITE)
    @Operation(
            requestBody =
                    @RequestBody(
                            required = true,
                            content = {@Content(mediaType = JSON), @Content(mediaType = YAML)}))
    @PostMapping(
            path = "/api/config/apply",
            consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml", "text/x-yaml"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<ConfigurationPlans.ApplyAnswer>> apply(
            HttpServletRequest http, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        ConfigRequest request = read(http);
        return ResponseEntity.ok(ApiResponse.of(plans.apply(request, caller, authorization)));
    }

    /**
     * The body as bytes, read here rather than bound: Spring binds no YAML, and the API document describes the body
     * by its media types (the catalogue's schema), not as the bytes it arrives as.
     */
    private static ConfigRequest read(HttpServletRequest http) {
        byte[] body;
        try {
            body = http.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The request body could not be read", e);
        }
        return ConfigRequest.of(BundleFormat.ofContent(http.getContentType()).read(body));
    }
}
