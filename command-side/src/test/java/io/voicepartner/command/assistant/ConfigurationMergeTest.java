package io.voicepartner.command.assistant;

import static io.voicepartner.api.assistant.AssistantField.CAPABILITIES;
import static io.voicepartner.api.assistant.AssistantField.DESCRIPTION;
import static io.voicepartner.api.assistant.AssistantField.IS_ACTIVE;
import static io.voicepartner.api.assistant.AssistantField.NAME;
import static io.voicepartner.api.assistant.AssistantField.SYSTEM_PROMPT;
import static io.voicepartner.command.assistant.Configurations.NOTHING;
import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.json;
import static io.voicepartner.command.assistant.Configurations.with;
import static io.voicepartner.command.assistant.Patch.nothing;
import static io.voicepartner.command.assistant.Patch.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.command.common.JsonMergePatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An update is a JSON Merge Patch (RFC 7396) over the assistant's configuration. */
class ConfigurationMergeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givesEachNamedFieldItsNewValue() {
        assertThat(merge(SUPPORT_BOT, set(NAME, "Hotline").and(IS_ACTIVE, false)))
                .isEqualTo(with(with(SUPPORT_BOT, NAME, "Hotline"), IS_ACTIVE, false));
    }

    @Test
    void clearsANamedFieldSentAsNull() {
        assertThat(merge(SUPPORT_BOT, set(SYSTEM_PROMPT, null))).isEqualTo(with(SUPPORT_BOT, SYSTEM_PROMPT, null));
    }

    @Test
    void keepsAFieldNotNamedEvenWhenTheChangesCarryAValueForIt() {
        AssistantConfiguration changes = with(with(NOTHING, NAME, "Hotline"), DESCRIPTION, "Books appointments");

        assertThat(ConfigurationMerge.merge(SUPPORT_BOT, changes, Set.of(DESCRIPTION)))
                .isEqualTo(with(SUPPORT_BOT, DESCRIPTION, "Books appointments"));
    }

    @Test
    void leavesTheConfigurationAsItIsWhenNothingIsNamed() {
        assertThat(merge(SUPPORT_BOT, nothing())).isEqualTo(SUPPORT_BOT);
    }

    @Test
    void mergesCapabilitiesKeyByKeyAndObjectsWithinThem() {
        AssistantConfiguration current = with(
                SUPPORT_BOT,
                CAPABILITIES,
                json(
                        "transfer", json("enabled", true, "number", "+49301234567", "after_seconds", 30),
                        "recording", false,
                        "keywords", List.of("billing", "outage")));
        Map<String, Object> patch = json(
                "transfer", json("number", "+49407654321", "after_seconds", null),
                "keywords", List.of("refund"),
                "language_detection", true);

        assertThat(merge(current, set(CAPABILITIES, patch)).capabilities())
                .isEqualTo(Map.of(
                        "transfer",
                        Map.of("enabled", true, "number", "+49407654321"),
                        "recording",
                        false,
                        "keywords",
                        List.of("refund"),
                        "language_detection",
                        true));
    }

    @Test
    void removesACapabilitySentAsNull() {
        assertThat(merge(SUPPORT_BOT, set(CAPABILITIES, json("recording", null)))
                        .capabilities())
                .isEqualTo(Map.of("transfer", Map.of("enabled", true, "number", "+49301234567")));
    }

    @Test
    void clearsEveryCapabilityWhenCapabilitiesIsSentAsNull() {
        assertThat(merge(SUPPORT_BOT, set(CAPABILITIES, null)).capabilities()).isEmpty();
    }

    @Test
    void keepsTheCapabilitiesForAnEmptyCapabilitiesObject() {
        assertThat(merge(SUPPORT_BOT, set(CAPABILITIES, Map.of()))).isEqualTo(SUPPORT_BOT);
    }

    @Test
    void mergesCapabilitiesIntoAnAssistantThatHasNone() {
        AssistantConfiguration withoutCapabilities = with(SUPPORT_BOT, CAPABILITIES, null);

        assertThat(merge(withoutCapabilities, set(CAPABILITIES, json("recording", true, "transfer", null)))
                        .capabilities())
                .isEqualTo(Map.of("recording", true));
    }

    @Test
    void keepsTheCapabilitiesWhenTheUpdateDoesNotNameThem() {
        AssistantConfiguration changes = with(with(NOTHING, CAPABILITIES, Map.of("recording", true)), NAME, "Hotline");

        assertThat(ConfigurationMerge.merge(SUPPORT_BOT, changes, Set.of(NAME)).capabilities())
                .isEqualTo(SUPPORT_BOT.capabilities());
    }

    @Test
    void leavesTheCurrentCapabilitiesUntouched() {
        Map<String, Object> transfer = json("enabled", true, "number", "+49301234567");
        Map<String, Object> capabilities = json("transfer", transfer, "recording", false);
        AssistantConfiguration current = with(SUPPORT_BOT, CAPABILITIES, capabilities);

        merge(current, set(CAPABILITIES, json("transfer", json("enabled", null), "recording", null)));

        assertThat(capabilities)
                .isEqualTo(Map.of("transfer", Map.of("enabled", true, "number", "+49301234567"), "recording", false));
    }

    /** The object-valued examples of RFC 7396, Appendix A: target, patch, result. */
    @ParameterizedTest(name = "{0} patched with {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a":"b"}               | {"a":"c"}                    | {"a":"c"}
            {"a":"b"}               | {"b":"c"}                    | {"a":"b","b":"c"}
            {"a":"b"}               | {"a":null}                   | {}
            {"a":"b","b":"c"}       | {"a":null}                   | {"b":"c"}
            {"a":["b"]}             | {"a":"c"}                    | {"a":"c"}
            {"a":"c"}               | {"a":["b"]}                  | {"a":["b"]}
            {"a":{"b":"c"}}         | {"a":{"b":"d","c":null}}     | {"a":{"b":"d"}}
            {"a":[{"b":"c"}]}       | {"a":[1]}                    | {"a":[1]}
            {"e":null}              | {"a":1}                      | {"e":null,"a":1}
            {}                      | {"a":{"bb":{"ccc":null}}}    | {"a":{"bb":{}}}
            """)
    void followsTheExamplesOfRfc7396(String target, String patch, String result) {
        assertThat(JsonMergePatch.merge(object(target), object(patch))).isEqualTo(object(result));
    }

    private static AssistantConfiguration merge(AssistantConfiguration current, Patch patch) {
        return ConfigurationMerge.merge(current, patch.changes(), patch.fields());
    }

    private static Map<String, Object> object(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
