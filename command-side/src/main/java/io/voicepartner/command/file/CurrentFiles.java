package io.voicepartner.command.file;

import io.voicepartner.api.assistant.FrozenFile;
import java.util.Map;
import java.util.Optional;

/**
 * A knowledge file as its own aggregate holds it now: what an assistant's published version freezes.
 * Injected into command handlers, which run inside the unit of work it needs.
 */
public interface CurrentFiles {

    /**
     * @param assignment the assistant's configuration of the file, frozen with it
     * @return empty for a file that does not exist or was deleted
     */
    Optional<FrozenFile> frozen(String fileId, Map<String, Object> assignment);
}
