package io.voicepartner.command.assistant;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of a clone, both fields optional: the copy's name (as a create takes it; the source's with " (copy)" if
 * left out) and the published version to copy (the current draft if left out).
 */
record CloneRequest(
        @Size(max = EventLimits.NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        @Min(1) Integer version) {}
