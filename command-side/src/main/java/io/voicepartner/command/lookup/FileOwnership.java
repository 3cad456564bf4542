package io.voicepartner.command.lookup;

import io.voicepartner.command.common.Refusal;
import java.util.Collection;
import java.util.List;

/** Which knowledge files a user may assign: their own, existing, not deleted. Injected into command handlers. */
public interface FileOwnership {

    /** @throws io.voicepartner.command.common.Refusal NOT_FOUND naming the first file that is not the owner's */
    void requireOwned(String ownerId, Collection<String> fileIds);

    /** Those of the files that are still the owner's and not deleted, in the order given (for a restore). */
    default List<String> stillOwned(String ownerId, Collection<String> fileIds) {
        return fileIds.stream()
                .filter(id -> {
                    try {
                        requireOwned(ownerId, List.of(id));
                        return true;
                    } catch (Refusal gone) {
                        return false;
                    }
                })
                .toList();
    }
}
