package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code GET /schema}: read-model tables from the database catalogue, and every event type with its fields. */
class SchemaIT extends PlatformIT {

    @Test
    void describesTheReadModelTablesAsTheDatabaseHasThem() {
        JsonNode schema = api().get("/schema").data();

        JsonNode assistants = named(schema.path("read_models"), "assistants");
        assertThat(assistants.path("columns").findValuesAsText("name"))
                .contains("id", "owner_id", "status", "revision");
        assertThat(assistants.path("indexes").findValuesAsText("name"))
                .contains("assistants_pkey", "assistants_owner_status");
        assertThat(named(assistants.path("indexes"), "assistants_owner_status")
                        .path("definition")
                        .asText())
                .contains("(owner_id, status");
        assertThat(schema.path("read_models").findValuesAsText("name")).doesNotContain("flyway_schema_history");
    }

    @Test
    void describesEveryEventTypeWithItsFieldsAndSchemaVersion() {
        JsonNode events = api().get("/schema").data().path("events");

        JsonNode created = StreamSupport.stream(events.spliterator(), false)
                .filter(event -> event.path("type").asText().equals("AssistantCreated"))
                .findFirst()
                .orElseThrow();
        assertThat(created.path("topic").asText()).isEqualTo("voicepartner.assistants");
        assertThat(created.path("schema_version").asInt()).isEqualTo(1);
        assertThat(created.path("fields").findValuesAsText("name"))
                .contains("assistant_id", "owner_id", "configuration");
        JsonNode status = named(named(created.path("fields"), "configuration").path("fields"), "status");
        assertThat(status.path("values").toString()).isEqualTo("[\"draft\",\"testing\",\"deployed\"]");
        assertThat(events.findValuesAsText("type")).contains("AssistantDeleted", "UserRegistered", "ToolsAssigned");
    }

    private static JsonNode named(JsonNode array, String name) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(node -> node.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + array));
    }
}
