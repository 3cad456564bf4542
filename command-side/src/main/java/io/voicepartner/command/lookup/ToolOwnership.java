package io.voicepartner.command.lookup;

import io.voicepartner.command.common.Refusal;
import java.util.Collection;
import java.util.List;

/** Which tools a user may assign: their own, existing, not deleted. Injected into command handlers. */
public interface ToolOwnership {

    /** @throws io.voicepartner.command.common.Refusal NOT_FOUND naming the first tool that is not the owner's */
    void requireOwned(String ownerId, Collection<String> toolIds);

    /** Those of the tools that are still the owner's and not deleted, in the order given (for a restore). */
    default List<String> stillOwned(String ownerId, Collection<String> toolIds) {
        return toolIds.stream()
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
