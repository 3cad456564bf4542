package io.voicepartner.support.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** Names the JSON field a Jackson error is about, the way a client wrote it ({@code tools[2].id}). */
public final class JsonPaths {

    private JsonPaths() {}

    public static String of(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
