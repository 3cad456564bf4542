package io.voicepartner.api.assistant;

/**
 * The draft was set back to a published version's configuration. The changes themselves were recorded just
 * before, by the events an edit records ({@code AssistantUpdated}, {@code ToolsAssigned}, …), so a consumer
 * that knows those needs nothing new; this event says why they happened.
 *
 * @param number the version restored
 */
public record AssistantVersionRestored(String assistantId, String ownerId, int number) implements AssistantEvent {}
