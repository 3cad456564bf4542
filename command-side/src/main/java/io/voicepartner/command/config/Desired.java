package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A resource as a bundle wants it.
 *
 * @param index  its place in its list, for naming its fields in an error ({@code bundle.tools[2].endpoint})
 * @param ref    as given, or derived from its name
 * @param fields what the bundle states of it, {@code ref} aside; a field left out is left as it is
 * @param key    what identifies it whatever its ref: a phone number's E.164 number, a file's SHA-256; else null
 */
record Desired(Kind kind, int index, String ref, ObjectNode fields, String key) {

    String path() {
        return "bundle." + kind.section() + "[" + index + "]";
    }

    String path(String field) {
        return path() + "." + field;
    }

    String name() {
        return fields.path(kind == Kind.PHONE_NUMBER ? "phone_number" : "name").asText("");
    }
}
