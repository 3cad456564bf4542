package io.voicepartner.command.lookup;

import java.util.Collection;

/** Which tools a user may assign: their own, existing, not deleted. Injected into command handlers. */
public interface ToolOwnership {

    /** @throws io.voicepartner.command.common.Refusal NOT_FOUND naming the first tool that is not the owner's */
    void requireOwned(String ownerId, Collection<String> toolIds);
}
