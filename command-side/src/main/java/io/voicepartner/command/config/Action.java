package io.voicepartner.command.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a plan does to a resource. */
enum Action {
    CREATE,
    UPDATE,
    DELETE,
    UNCHANGED;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
