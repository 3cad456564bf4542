package io.voicepartner.command.assistant;

import io.voicepartner.api.assistant.VersionConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.voicepartner.api.assistant.AssistantField.CAPABILITIES;
import static io.voicepartner.api.assistant.AssistantField.DESCRIPTION;
import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.with;
import static org.assertj.core.api.Assertions.assertThat;

/** The canonical form a config_hash is taken over, as ADR 0013 documents it. */
class ConfigHashTest {

    @Test
    void isTheSha256OfTheCanonicalJson() throws Exception {
        VersionConfiguration configuration = new VersionConfiguration(SUPPORT_BOT, List.of(), List.of());
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(ConfigHash.canonicalJson(configuration).getBytes(StandardCharsets.UTF_8));
        assertThat(ConfigHash.of(configuration)).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64);
    }

    @Test
    void sortsTheKeysOfEveryObjectByWireNameWithoutWhitespaceAndKeepsNulls() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("zeta", Map.of("b", 1, "a", 2));
        capabilities.put("alpha", true);
        String json = ConfigHash.canonicalJson(new VersionConfiguration(
                with(with(SUPPORT_BOT, CAPABILITIES, capabilities), DESCRIPTION, null),
                List.of(), List.of()));
        assertThat(json).startsWith("{\"assistant\":{\"capabilities\":{\"alpha\":true,\"zeta\":{\"a\":2,\"b\":1}},"
                        + "\"description\":null,\"fallback_language\":\"en-US\",\"first_message\":")
                .endsWith("\"voice_stability\":0.5},\"files\":[],\"tools\":[]}")
                .doesNotContain(" \"", ": ");
    }

    @Test
    void doesNotDependOnTheOrderMapsWereFilledIn() {
        Map<String, Object> oneWay = new LinkedHashMap<>();
        oneWay.put("a", 1);
        oneWay.put("b", 2);
        Map<String, Object> otherWay = new LinkedHashMap<>();
        otherWay.put("b", 2);
        otherWay.put("a", 1);
        assertThat(ConfigHash.of(new VersionConfiguration(with(SUPPORT_BOT, CAPABILITIES, oneWay), List.of(), List.of())))
                .isEqualTo(ConfigHash.of(new VersionConfiguration(with(SUPPORT_BOT, CAPABILITIES, otherWay), List.of(),
                        List.of())));
    }
}
