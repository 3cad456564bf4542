package io.voicepartner.command.assistant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Configures one file assignment: {@code config} replaces the assignment's configuration whole. */
record FileConfigurationRequest(@NotBlank @Size(max = 64) String fileId, Map<String, Object> config) {
}
