package io.voicepartner.command.lookup;

import io.voicepartner.command.common.Refusal;

/** Which assistants a user may point things at: their own, existing, not deleted. */
public interface AssistantOwnership {

    /** @throws io.voicepartner.command.common.Refusal NOT_FOUND naming the assistant if it is not the owner's */
    void requireOwned(String ownerId, String assistantId);

    /** Whether the assistant is still the owner's and not deleted (for a restore, which drops it otherwise). */
    default boolean stillOwned(String ownerId, String assistantId) {
        try {
            requireOwned(ownerId, assistantId);
            return true;
        } catch (Refusal gone) {
            return false;
        }
    }
}
