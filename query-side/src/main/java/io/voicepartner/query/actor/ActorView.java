package io.voicepartner.query.actor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.support.security.ApiKeyCaller;
import java.util.Locale;

/**
 * Who did something, as the audit log and every history entry show it. Events record their actor as a string
 * (metadata and envelope {@code actor}): a user's id, {@code system} for the platform's own doing, or
 * {@code api_key:<keyId>} for an API key; this is that string read, and completed by {@link Actors}.
 *
 * @param id     the user's id, the key's id (without {@code api_key:}), or {@code system}
 * @param email  a user's e-mail address as the users read model has it; left out for keys and the platform, and for
 *               a user the read model does not know (yet)
 * @param prefix a key's prefix, the part of it that is shown; left out for users and the platform, and while it is
 *               not known
 */
public record ActorView(
        Type type,
        String id,
        @JsonInclude(JsonInclude.Include.NON_NULL) String email,
        @JsonInclude(JsonInclude.Include.NON_NULL) String prefix) {

    /** What kind of actor it is. */
    public enum Type {
        USER,
        API_KEY,
        SYSTEM;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String SYSTEM = "system";

    /**
     * The actor an event recorded, not yet completed. An event recorded without an actor (none the platform records
     * today) shows as the platform's.
     */
    public static ActorView recorded(String actor) {
        if (actor == null || SYSTEM.equals(actor)) {
            return new ActorView(Type.SYSTEM, SYSTEM, null, null);
        }
        if (actor.startsWith(ApiKeyCaller.ACTOR_PREFIX)) {
            return new ActorView(Type.API_KEY, actor.substring(ApiKeyCaller.ACTOR_PREFIX.length()), null, null);
        }
        return new ActorView(Type.USER, actor, null, null);
    }

    /** The actor as a table keeps it apart: its type's wire name and its id. */
    public static ActorView stored(String type, String id) {
        return new ActorView(Type.valueOf(type.toUpperCase(Locale.ROOT)), id, null, null);
    }
}
