package io.voicepartner.query.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** What {@code GET /assistants/{id}/versions/{n}/diff} answers between two configurations. */
class VersionDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String V1 = """
            {"assistant": {"name": "Receptionist", "temperature": 0.3, "capabilities": {"sms": true}},
             "tools": [{"id": "t1", "name": "Weather", "endpoint": "https://a"},
                       {"id": "t2", "name": "Calendar", "endpoint": "https://b"}],
             "files": [{"id": "f1", "filename": "prices.pdf", "assignment": {}}]}
            """;

    @Test
    void aConfigurationComparedWithItselfIsIdentical() {
        VersionDiff.Differences diff = VersionDiff.between(1, "2", json(V1), json(V1));

        assertThat(diff.identical()).isTrue();
        assertThat(diff.fields()).isEmpty();
        assertThat(diff.tools().added()).isEmpty();
    }

    @Test
    void changedAssistantFieldsAreListedAsFromAndTo() {
        JsonNode target = json(V1.replace("\"temperature\": 0.3", "\"temperature\": 0.7"));

        VersionDiff.Differences diff = VersionDiff.between(1, "current", json(V1), target);

        assertThat(diff.identical()).isFalse();
        assertThat(diff.to()).isEqualTo("current");
        assertThat(diff.fields()).containsOnlyKeys("temperature");
        assertThat(diff.fields().get("temperature").from().asDouble()).isEqualTo(0.3);
        assertThat(diff.fields().get("temperature").to().asDouble()).isEqualTo(0.7);
    }

    @Test
    void aFieldMissingOnOneSideCountsAsNull() {
        JsonNode target = json(V1.replace(
                "\"name\": \"Receptionist\", ", "\"name\": \"Receptionist\", " + "\"first_message\": \"Hallo\", "));

        VersionDiff.Change change =
                VersionDiff.between(1, "2", json(V1), target).fields().get("first_message");

        assertThat(change.from()).isEqualTo(NullNode.getInstance());
        assertThat(change.to()).isEqualTo(TextNode.valueOf("Hallo"));
    }

    @Test
    void nestedObjectsCompareWhole() {
        JsonNode target = json(V1.replace("{\"sms\": true}", "{\"sms\": true, \"transfer\": false}"));

        VersionDiff.Differences diff = VersionDiff.between(1, "2", json(V1), target);

        assertThat(diff.fields()).containsOnlyKeys("capabilities");
        assertThat(diff.fields().get("capabilities").to().toString()).isEqualTo("{\"sms\":true,\"transfer\":false}");
    }

    @Test
    void toolsAreMatchedByIdIntoAddedRemovedAndChanged() {
        JsonNode target = json("""
                {"assistant": {"name": "Receptionist", "temperature": 0.3, "capabilities": {"sms": true}},
                 "tools": [{"id": "t1", "name": "Weather", "endpoint": "https://a2"},
                           {"id": "t3", "name": "CRM", "endpoint": "https://c"}],
                 "files": [{"id": "f1", "filename": "prices.pdf", "assignment": {}}]}
                """);

        VersionDiff.Items tools = VersionDiff.between(1, "2", json(V1), target).tools();

        assertThat(tools.added()).containsExactly(new VersionDiff.Item("t3", "CRM"));
        assertThat(tools.removed()).containsExactly(new VersionDiff.Item("t2", "Calendar"));
        assertThat(tools.changed()).singleElement().satisfies(changed -> {
            assertThat(changed.id()).isEqualTo("t1");
            assertThat(changed.name()).isEqualTo("Weather");
            assertThat(changed.fields()).containsOnlyKeys("endpoint");
        });
    }

    @Test
    void aChangedItemIsNamedAsTheNewerSideNamesIt() {
        JsonNode target = json(V1.replace("\"prices.pdf\"", "\"prices-2027.pdf\""));

        VersionDiff.Items files = VersionDiff.between(1, "2", json(V1), target).files();

        assertThat(files.changed()).singleElement().satisfies(changed -> {
            assertThat(changed.name()).isEqualTo("prices-2027.pdf");
            assertThat(changed.fields().get("filename").from().asText()).isEqualTo("prices.pdf");
        });
        assertThat(files.added()).isEmpty();
        assertThat(files.removed()).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
