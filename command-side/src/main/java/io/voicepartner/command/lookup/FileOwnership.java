package io.voicepartner.command.lookup;

import java.util.Collection;

/** Which knowledge files a user may assign: their own, existing, not deleted. Injected into command handlers. */
public interface FileOwnership {

    /** @throws io.voicepartner.command.common.Refusal NOT_FOUND naming the first file that is not the owner's */
    void requireOwned(String ownerId, Collection<String> fileIds);
}
