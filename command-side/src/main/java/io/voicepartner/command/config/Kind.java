package io.voicepartner.command.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The kinds of resource a bundle holds, in the order they are applied: tools and files before the assistants that
 * use them, assistants before the phone numbers that reach them. Deletions go the other way.
 */
enum Kind {
    TOOL("tools", "/api/tools/", "command.tool_lookup", "tool_id"),
    FILE("files", "/api/files/", "command.file_lookup", "file_id"),
    ASSISTANT("assistants", "/api/assistants/", "command.assistant_lookup", "assistant_id"),
    PHONE_NUMBER("phone_numbers", "/api/phone-numbers/", "command.phone_number_lookup", "phone_number_id");

    private final String section;
    private final String path;
    private final String lookupTable;
    private final String lookupId;

    Kind(String section, String path, String lookupTable, String lookupId) {
        this.section = section;
        this.path = path;
        this.lookupTable = lookupTable;
        this.lookupId = lookupId;
    }

    /** Its list's name in a bundle. */
    String section() {
        return section;
    }

    /** Where its resource is read, as its {@code GET} shows it. */
    String location(String id) {
        return path + id;
    }

    String lookupTable() {
        return lookupTable;
    }

    String lookupId() {
        return lookupId;
    }

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
