package io.voicepartner.api.assistant;

import java.util.List;

/** @param fileIds only the files newly assigned, in the order asked; each starts with an empty configuration */
public record FilesAssigned(String assistantId, String ownerId, List<String> fileIds) implements AssistantEvent {}
