package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/scripts/seed}: the demo organization (two members, a runtime key) and its data through the HTTP API,
 * and nothing more when run again.
 */
class SeedIT extends PlatformIT {

    @Test
    void createsTheDemoDataAndASecondRunChangesNothing() {
        String first = seed();
        Api owner = api().withHeader("Authorization", "Bearer " + api().login(Seed.EMAIL, Seed.PASSWORD));
        JsonNode organization = named(owner.get("/api/organizations").data(), Seed.ORGANIZATION);
        String organizationId = organization.path("id").asText();
        Api demo = owner.withHeader("X-Organization-Id", organizationId);
        assertThat(organization.path("role").asText()).isEqualTo("owner");
        assertThat(owner.get("/api/organizations/" + organizationId + "/members")
                        .data())
                .map(member -> member.path("email").asText() + " "
                        + member.path("role").asText())
                .containsExactlyInAnyOrder(Seed.EMAIL + " owner", Seed.COLLEAGUE_EMAIL + " editor");
        JsonNode runtimeKey = named(
                owner.get("/api/organizations/" + organizationId + "/api-keys").data(), Seed.RUNTIME_KEY);
        assertThat(runtimeKey.path("scopes")).map(JsonNode::asText).contains("runtime:read");
        assertThat(first)
                .contains("API key " + Seed.RUNTIME_KEY + ": created "
                        + runtimeKey.path("prefix").asText());

        JsonNode tools = demo.get("/api/tools/").data();
        JsonNode assistants = demo.get("/api/assistants/").data();
        JsonNode numbers = demo.get("/api/phone-numbers/").data();
        assertThat(tools)
                .map(tool -> tool.path("name").asText())
                .containsExactlyInAnyOrder("Calendar", "CRM lookup", "Weather");
        assertThat(named(tools, "Calendar").path("authentication").path("type").asText())
                .isEqualTo("bearer");
        assertThat(named(tools, "Calendar").path("authentication").path("token").asText())
                .startsWith("••••");
        assertThat(named(assistants, "Front desk").path("tools").findValuesAsText("name"))
                .containsExactlyInAnyOrder("Calendar", "CRM lookup");
        assertThat(named(assistants, "After-hours line").path("tools").findValuesAsText("name"))
                .containsExactlyInAnyOrder("CRM lookup", "Weather");
        JsonNode london = StreamSupport.stream(numbers.spliterator(), false)
                .filter(number -> number.path("phone_number").asText().equals("+442079460958"))
                .findFirst()
                .orElseThrow();
        assertThat(london.path("assistant_id").asText())
                .isEqualTo(named(assistants, "Front desk").path("id").asText());
        assertThat(numbers).hasSize(2);
        assertThat(first).contains("created").contains(Seed.EMAIL);
        Map<String, Long> revisions = revisions(demo);
        revisions.put(organizationId, organization.path("revision").asLong());

        String second = seed();

        assertThat(second).doesNotContain("created");
        Map<String, Long> after = revisions(demo);
        after.put(
                organizationId,
                owner.get("/api/organizations/" + organizationId)
                        .data()
                        .path("revision")
                        .asLong());
        assertThat(after).isEqualTo(revisions);
    }

    private String seed() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Seed("http://127.0.0.1:" + port, new PrintStream(output, true, StandardCharsets.UTF_8)).run();
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Every resource of the demo user by id, with its revision. */
    private static Map<String, Long> revisions(Api demo) {
        Map<String, Long> revisions = new TreeMap<>();
        for (String path : List.of("/api/tools/", "/api/assistants/", "/api/phone-numbers/", "/api/users/me")) {
            JsonNode data = demo.get(path).data();
            (data.isArray() ? data : List.of(data))
                    .forEach(resource -> revisions.put(
                            resource.path("id").asText(),
                            resource.path("revision").asLong()));
        }
        return revisions;
    }

    private static JsonNode named(JsonNode array, String name) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(node -> node.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + array));
    }
}
