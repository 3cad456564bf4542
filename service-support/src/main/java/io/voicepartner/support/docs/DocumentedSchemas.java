package io.voicepartner.support.docs;

import java.util.List;

/**
 * Types a feature reads by hand (from a JSON tree) that the API document should still show, under their simple
 * names, for the reference catalogues to refer to ({@code #/components/schemas/ToolExecutionRequest}).
 */
public record DocumentedSchemas(List<Class<?>> types) {

    public DocumentedSchemas {
        types = List.copyOf(types);
    }
}
