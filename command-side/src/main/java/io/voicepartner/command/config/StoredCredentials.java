package io.voicepartner.command.config;

import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.command.tool.CallableTool;
import io.voicepartner.command.tool.CurrentTools;
import io.voicepartner.command.tool.ToolCredentials;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * A tool's stored credentials in clear, by where they are ({@code authentication.token}, {@code headers.X-Api-Key},
 * {@code endpoint.api_key}): only to tell whether a secret a plan or an apply was given is the one stored, so that
 * giving the same secret again plans no change and applies none. They are compared and forgotten, never answered.
 */
@Component
class StoredCredentials {

    private final CurrentTools tools;
    private final ToolCredentials credentials;

    StoredCredentials(CurrentTools tools, ToolCredentials credentials) {
        this.tools = tools;
        this.credentials = credentials;
    }

    Map<String, String> of(String toolId) {
        return configuration(toolId)
                .map(configuration -> located(credentials.reveal(new FrozenTool(toolId, configuration))))
                .orElseGet(LinkedHashMap::new);
    }

    /** The tool as its aggregate holds it (credentials encrypted), loaded in a unit of work of its own. */
    Optional<ToolConfiguration> configuration(String toolId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Optional<ToolConfiguration> configuration = tools.configuration(toolId);
            unitOfWork.commit();
            return configuration;
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }

    private static Map<String, String> located(CallableTool tool) {
        Map<String, String> located = new LinkedHashMap<>();
        tool.authentication().forEach((field, value) -> located.put("authentication." + field, value));
        tool.headers().forEach((name, value) -> located.put("headers." + name, value));
        int query = tool.endpoint().indexOf('?');
        if (query >= 0) {
            for (String parameter : tool.endpoint().substring(query + 1).split("[&#]", -1)) {
                int equals = parameter.indexOf('=');
                if (equals > 0) {
                    located.put("endpoint." + parameter.substring(0, equals), parameter.substring(equals + 1));
                }
            }
        }
        return located;
    }
}
