package io.voicepartner.command.tool;

import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.support.security.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Opens the credentials of a tool frozen in a published version, for the voice runtime that calls it. Every other
 * read masks them; this is the one way out of the command side in clear, and the call-start lookup the one caller.
 */
@Component
public class ToolCredentials {

    private final SecretBox secrets;

    ToolCredentials(SecretBox secrets) {
        this.secrets = secrets;
    }

    /**
     * @throws IllegalStateException when a credential was sealed under a key that is no longer configured: the
     *                               tool cannot be called with it, and keeping the key is the operator's (ADR 0021)
     */
    public CallableTool reveal(FrozenTool tool) {
        ToolConfiguration c = tool.configuration();
        try {
            Map<String, String> headers = new LinkedHashMap<>(orEmpty(c.headers()));
            orEmpty(c.secretHeaders()).forEach((name, secret) -> headers.put(name, secrets.decrypt(secret)));
            return new CallableTool(
                    tool.toolId(),
                    c.name(),
                    c.description(),
                    QueryCredentials.reveal(c.endpoint(), c.secretQueryParameters(), secrets::decrypt),
                    c.method(),
                    c.category(),
                    c.parameters(),
                    headers,
                    authentication(c.authentication()),
                    c.isActive());
        } catch (IllegalArgumentException unopened) {
            throw new IllegalStateException(
                    "A credential of tool " + tool.toolId() + " cannot be opened with the "
                            + "configured keys: keep the key that sealed it in SECRETS_KEY_PREVIOUS",
                    unopened);
        }
    }

    /** How many credentials the tool holds: what {@link #reveal} opens. */
    public static int credentials(FrozenTool tool) {
        ToolConfiguration c = tool.configuration();
        return orEmpty(c.secretHeaders()).size()
                + c.secretQueryParameters().size()
                + (c.authentication() == null
                        ? 0
                        : orEmpty(c.authentication().secrets()).size());
    }

    /** Flat, as a version shows it: {@code type}, then the settings, then the credentials. */
    private Map<String, String> authentication(ToolAuthentication authentication) {
        Map<String, String> shown = new LinkedHashMap<>();
        if (authentication == null) {
            shown.put("type", AuthenticationType.NONE.wireName());
            return shown;
        }
        shown.put("type", authentication.type().wireName());
        shown.putAll(orEmpty(authentication.settings()));
        orEmpty(authentication.secrets()).forEach((field, secret) -> shown.put(field, secrets.decrypt(secret)));
        return shown;
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> values) {
        return values == null ? Map.of() : values;
    }
}
