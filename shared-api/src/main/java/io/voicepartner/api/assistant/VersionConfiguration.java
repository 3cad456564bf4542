package io.voicepartner.api.assistant;

import java.util.List;

/**
 * Everything a published version answers with. {@code assistant} leaves {@code status} out ({@code null}):
 * the status is where the assistant is in its life, not part of what a caller talks to.
 *
 * @param tools ordered by tool id
 * @param files ordered by file id
 */
public record VersionConfiguration(AssistantConfiguration assistant, List<FrozenTool> tools, List<FrozenFile> files) {}
