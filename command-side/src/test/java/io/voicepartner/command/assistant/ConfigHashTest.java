package io.voicepartner.command.assistant;

import static io.voicepartner.api.assistant.AssistantField.CAPABILITIES;
import static io.voicepartner.api.assistant.AssistantField.DESCRIPTION;
import static io.voicepartner.api.assistant.AssistantField.STATUS;
import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical form a config_hash is taken over, as ADR 0013 documents it. */
class ConfigHashTest {

    /**
     * A fixed configuration with a tool and a file, and the hash every published version of it has carried. A
     * change of the canonical form would silently change what stored versions' hashes mean (a publish would no
     * longer be recognised as identical to the last one): it must fail here first, as a deliberate decision.
     */
    @Test
    void aFixedConfigurationKeepsItsPublishedHash() {
        VersionConfiguration configuration = new VersionConfiguration(
                with(SUPPORT_BOT, STATUS, null),
                List.of(new FrozenTool(
                        "0190f2c4-1111-7000-8000-000000000001",
                        new ToolConfiguration(
                                "Calendar",
                                "Books appointments",
                                "https://calendar.example.com/book",
                                HttpMethod.POST,
                                "scheduling",
                                Map.of("type", "object"),
                                Map.of("X-Team", "support"),
                                Map.of("Authorization", new SecretValue("Y2lwaGVydGV4dA==", "abcd")),
                                new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of()),
                                true))),
                List.of(new FrozenFile(
                        "0190f2c4-2222-7000-8000-000000000001",
                        "price-list.pdf",
                        "Preise 2026.pdf",
                        FileType.PDF,
                        48_213,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "Prices",
                        Map.of("top_k", 3))));

        assertThat(ConfigHash.canonicalJson(configuration)).isEqualTo(GOLDEN_JSON);
        assertThat(ConfigHash.of(configuration)).isEqualTo(GOLDEN_HASH);
    }

    /** Pinned after checking it against ADR 0013's rules: never regenerate it from the code under test. */
    private static final String GOLDEN_JSON =
            "{\"assistant\":{\"capabilities\":{\"recording\":false,\"transfer\":{\"enabled\":true,\"number\":\"+4930123456"
                    + "7\"}},\"description\":\"Answers the hotline\",\"fallback_language\":\"en-US\",\"first_message\":\"Hallo, wie"
                    + " kann ich helfen?\",\"interruption_sensitivity\":0.5,\"is_active\":true,\"language\":\"de-DE\",\"llm_model"
                    + "\":\"gpt-4o\",\"llm_provider\":\"openai\",\"max_tokens\":1024,\"name\":\"Support bot\",\"response_delay\":0.2,\""
                    + "silence_timeout\":2.0,\"status\":null,\"system_prompt\":\"You are a patient support agent.\",\"temperatu"
                    + "re\":0.7,\"voice_id\":\"voice-anna\",\"voice_pitch\":1.0,\"voice_provider\":\"elevenlabs\",\"voice_speed\":1."
                    + "0,\"voice_stability\":0.5},\"files\":[{\"assignment\":{\"top_k\":3},\"description\":\"Prices\",\"file_id\":\"01"
                    + "90f2c4-2222-7000-8000-000000000001\",\"file_size\":48213,\"file_type\":\"pdf\",\"filename\":\"price-list.p"
                    + "df\",\"original_name\":\"Preise 2026.pdf\",\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c"
                    + "d15d6c15b0f00a08\"}],\"tools\":[{\"configuration\":{\"authentication\":{\"secrets\":{},\"settings\":{},\"typ"
                    + "e\":\"none\"},\"category\":\"scheduling\",\"description\":\"Books appointments\",\"endpoint\":\"https://calend"
                    + "ar.example.com/book\",\"headers\":{\"X-Team\":\"support\"},\"is_active\":true,\"method\":\"POST\",\"name\":\"Cal"
                    + "endar\",\"parameters\":{\"type\":\"object\"},\"secret_headers\":{\"Authorization\":{\"ciphertext\":\"Y2lwaGVyd"
                    + "GV4dA==\",\"last_four\":\"abcd\"}}},\"tool_id\":\"0190f2c4-1111-7000-8000-000000000001\"}]}";

    private static final String GOLDEN_HASH = "d7b81792d953e5eeff62f0cd1f5e2379bcd60c3c2e77be63a7176817e2d6e70d";

    @Test
    void isTheSha256OfTheCanonicalJson() throws Exception {
        VersionConfiguration configuration = new VersionConfiguration(SUPPORT_BOT, List.of(), List.of());
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(ConfigHash.canonicalJson(configuration).getBytes(StandardCharsets.UTF_8));
        assertThat(ConfigHash.of(configuration))
                .isEqualTo(HexFormat.of().formatHex(digest))
                .hasSize(64);
    }

    @Test
    void sortsTheKeysOfEveryObjectByWireNameWithoutWhitespaceAndKeepsNulls() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("zeta", Map.of("b", 1, "a", 2));
        capabilities.put("alpha", true);
        String json = ConfigHash.canonicalJson(new VersionConfiguration(
                with(with(SUPPORT_BOT, CAPABILITIES, capabilities), DESCRIPTION, null), List.of(), List.of()));
        assertThat(json)
                .startsWith("{\"assistant\":{\"capabilities\":{\"alpha\":true,\"zeta\":{\"a\":2,\"b\":1}},"
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
        assertThat(ConfigHash.of(
                        new VersionConfiguration(with(SUPPORT_BOT, CAPABILITIES, oneWay), List.of(), List.of())))
                .isEqualTo(ConfigHash.of(
                        new VersionConfiguration(with(SUPPORT_BOT, CAPABILITIES, otherWay), List.of(), List.of())));
    }
}
