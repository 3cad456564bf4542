package io.voicepartner.command.tool;

import io.voicepartner.api.tool.ToolConfiguration;
import java.util.Optional;

/**
 * A tool's configuration as its own aggregate holds it now, credentials encrypted: what an assistant's
 * published version freezes. Injected into command handlers, which run inside the unit of work it needs.
 */
public interface CurrentTools {

    /** @return empty for a tool that does not exist or was deleted */
    Optional<ToolConfiguration> configuration(String toolId);
}
