package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan's or an apply's body: the bundle, whether to delete what it lacks, the credentials its placeholders name
 * (kept apart from the bundle so that the bundle can live in Git; never answered), and, for an apply, the fingerprint of
 * the plan it carries out.
 */
record ConfigRequest(JsonNode bundle, boolean prune, Map<String, String> secrets, String fingerprint) {

    private static final Set<String> FIELDS = Set.of("bundle", "prune", "secrets", "fingerprint");
    private static final int MAX_SECRET = 10_000;

    /** @throws ApiException {@code 400} naming each field that is wrong */
    static ConfigRequest of(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a known field"));
            }
        });
        JsonNode bundle = body.path("bundle");
        if (bundle.isMissingNode() || bundle.isNull()) {
            errors.add(new FieldError("bundle", "is required"));
        } else if (!bundle.isObject()) {
            errors.add(new FieldError("bundle", "must be an object"));
        }
        JsonNode prune = body.path("prune");
        if (!prune.isMissingNode() && !prune.isNull() && !prune.isBoolean()) {
            errors.add(new FieldError("prune", "must be true or false"));
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        JsonNode given = body.path("secrets");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject()) {
                errors.add(new FieldError("secrets", "must be an object of strings"));
            } else {
                // the message names the secret, never its value
                given.fields().forEachRemaining(secret -> {
                    if (!secret.getValue().isTextual()) {
                        errors.add(new FieldError("secrets." + secret.getKey(), "must be a string"));
                    } else if (secret.getValue().asText().isEmpty()
                            || secret.getValue().asText().length() > MAX_SECRET) {
                        errors.add(new FieldError("secrets." + secret.getKey(), "must be 1 to 10000 characters"));
                    } else {
                        secrets.put(secret.getKey(), secret.getValue().asText());
                    }
                });
            }
        }
        JsonNode fingerprint = body.path("fingerprint");
        if (!fingerprint.isMissingNode() && !fingerprint.isNull() && !fingerprint.isTextual()) {
            errors.add(new FieldError("fingerprint", "must be the fingerprint a plan answered"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ConfigRequest(
                bundle,
                prune.asBoolean(false),
                Map.copyOf(secrets),
                fingerprint.isTextual() ? fingerprint.asText() : null);
    }
}
