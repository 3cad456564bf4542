package io.voicepartner.command.tool;

import io.voicepartner.api.tool.ToolConfiguration;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Loads the tool aggregate from the event store, inside the caller's unit of work. Loading it also locks
 * it until that unit of work ends, so a tool cannot change or go away between being read and being frozen.
 */
@Component
class ToolRepositoryReader implements CurrentTools {

    private final Repository<Tool> tools;

    ToolRepositoryReader(Repository<Tool> tools) {
        this.tools = tools;
    }

    @Override
    public Optional<ToolConfiguration> configuration(String toolId) {
        try {
            // a deleted tool stays loadable, so that it can be restored
            return Optional.ofNullable(tools.load(toolId).invoke(tool -> tool.deleted() ? null : tool.configuration()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
