package io.voicepartner.command.lookup;

/** Which assistants a user may point things at: their own, existing, not deleted. */
public interface AssistantOwnership {

    /** @throws io.voicepartner.command.common.Refusal NOT_FOUND naming the assistant if it is not the owner's */
    void requireOwned(String ownerId, String assistantId);
}
