package io.voicepartner.command.assistant;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Configures one file assignment: {@code config} replaces the assignment's configuration whole. Both are
 * required, which the reader checks (a missing or null field is named once, as required).
 */
record FileConfigurationRequest(
        @Size(min = 1, max = EventLimits.ID) String fileId, Map<String, Object> config) {}
