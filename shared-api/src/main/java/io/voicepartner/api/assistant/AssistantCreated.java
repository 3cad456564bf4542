package io.voicepartner.api.assistant;

/**
 * An assistant came to be, always as its first event.
 *
 * @param clonedFrom the assistant (and version) it was cloned from, or {@code null} for one created from a request
 *                   body; added after the first events were stored, which read it as {@code null}
 */
public record AssistantCreated(
        String assistantId, String ownerId, AssistantConfiguration configuration, ClonedFrom clonedFrom)
        implements AssistantEvent {

    /** An assistant created from a request body, not cloned. */
    public AssistantCreated(String assistantId, String ownerId, AssistantConfiguration configuration) {
        this(assistantId, ownerId, configuration, null);
    }
}
