package io.voicepartner.command.assistant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

record ToolAssignmentRequest(@Size(min = 1, max = 100) List<@NotBlank @Size(max = 64) String> toolIds) {}
