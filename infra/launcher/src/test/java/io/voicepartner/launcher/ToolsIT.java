package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.support.security.KeyIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /api/tools} as API.md specifies it, driven over HTTP like the frontend drives it. */
class ToolsIT extends PlatformIT {

    /** Credentials no response, event or record may ever show in clear. */
    private static final String BEARER_TOKEN = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    private static final String ROTATED_TOKEN = "sk_live_9fD41JrMzkXEbskuU2aeq8ed";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HEADER_SECRET = "hdr-secret-0123456789wxyz";

    private static final Map<String, Object> FORECAST_SCHEMA = Map.of(
            "type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"));

    private final TopicReader topics = new TopicReader(TestInfrastructure.kafkaBootstrapServers());

    @Autowired
    private JdbcClient jdbc;

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void createAnswersTheToolAsTheNextReadShowsIt() {
        Api.Response created = alice.post(
                "/api/tools/",
                Map.of(
                        "name",
                        "Weather",
                        "endpoint",
                        "https://api.example.com/weather",
                        "category",
                        "data",
                        "parameters",
                        FORECAST_SCHEMA));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.data().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/tools/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonNode tool = created.data();
        assertThat(tool.path("revision").asLong()).isEqualTo(1);
        assertThat(tool.path("method").asText()).isEqualTo("POST");
        assertThat(tool.path("is_active").asBoolean()).isTrue();
        assertThat(tool.path("parameters")).isEqualTo(Api.JSON.valueToTree(FORECAST_SCHEMA));
        assertThat(tool.path("headers")).isEqualTo(Api.JSON.valueToTree(Map.of()));
        assertThat(tool.path("authentication")).isEqualTo(Api.JSON.valueToTree(Map.of("type", "none")));
        assertThat(tool.path("total_calls").asLong()).isZero();
        assertThat(tool.path("last_used").isNull()).isTrue();
        assertThat(tool.path("avg_response_time").isNull()).isTrue();
        assertThat(tool.path("used_by").isArray()).isTrue();
        assertThat(tool.path("used_by")).isEmpty();
        assertThat(tool.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Api.Response read = alice.get("/api/tools/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.data()).isEqualTo(created.data());
        assertThat(alice.withHeader("If-None-Match", "\"1\"")
                        .get("/api/tools/" + id)
                        .status())
                .isEqualTo(304);
    }

    @Test
    void credentialsAreStoredEncryptedAndShownOnlyMasked() throws IOException {
        Api.Response created = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "CRM",
                        "endpoint",
                        "https://crm.example.com/api",
                        "method",
                        "PUT",
                        "headers",
                        Map.of(
                                "Accept",
                                "application/json",
                                "Authorization",
                                "Bearer " + BEARER_TOKEN,
                                "X-Api-Key",
                                "short-key",
                                "X-Session-Secret",
                                HEADER_SECRET),
                        "authentication",
                        Map.of("type", "basic", "username", "ada", "password", PASSWORD)));
        String id = created.data().path("id").asText();

        assertThat(created.data().path("headers"))
                .isEqualTo(Api.JSON.valueToTree(Map.of(
                        "Accept",
                        "application/json",
                        "Authorization",
                        "••••p7dc",
                        "X-Api-Key",
                        "••••",
                        "X-Session-Secret",
                        "••••wxyz")));
        assertThat(created.data().path("authentication"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("type", "basic", "username", "ada", "password", "••••aple")));

        Api.Response rotated = alice.patch(
                "/api/tools/" + id, Map.of("authentication", Map.of("type", "bearer", "token", ROTATED_TOKEN)));
        assertThat(rotated.data().path("authentication"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("type", "bearer", "token", "••••q8ed")));
        Api.Response keyed = alice.patch(
                "/api/tools/" + id, Map.of("authentication", Map.of("type", "api_key", "api_key", HEADER_SECRET)));
        assertThat(keyed.data().path("authentication"))
                .isEqualTo(Api.JSON.valueToTree(
                        Map.of("type", "api_key", "api_key", "••••wxyz", "header_name", "X-API-Key")));

        List<String> responses = List.of(
                created.text(),
                rotated.text(),
                keyed.text(),
                alice.get("/api/tools/" + id).text(),
                alice.get("/api/tools").text());
        assertThat(responses).allSatisfy(this::showsNoCredential);

        List<ConsumerRecord<String, byte[]>> records = topics.recordsWithKey("voicepartner.tools", id, 3);
        for (ConsumerRecord<String, byte[]> record : records) {
            showsNoCredential(new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                showsNoCredential(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        JsonNode published =
                Api.JSON.readTree(records.get(0).value()).path("data").path("configuration");
        assertThat(published
                        .path("secret_headers")
                        .path("Authorization")
                        .path("ciphertext")
                        .asText())
                .startsWith("v2:" + KeyIds.of(Base64.getDecoder().decode(TestKeys.SECRETS_KEY)) + ":");
        assertThat(published.path("headers")).isEqualTo(Api.JSON.valueToTree(Map.of("Accept", "application/json")));
    }

    @Test
    void theMaskOfACredentialCannotBeSentBackAsTheCredential() {
        String id = create(Map.of(
                "name",
                "CRM",
                "endpoint",
                "https://crm.example.com",
                "headers",
                Map.of("Authorization", "Bearer " + BEARER_TOKEN)));

        Api.Response response = alice.patch("/api/tools/" + id, Map.of("headers", Map.of("Authorization", "••••p7dc")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field")).containsExactly("headers");
    }

    /** The stored credentials were given for crm.example.com; whoever moves the endpoint must know them. */
    @Test
    void movingTheEndpointToAnotherOriginNeedsTheCredentialsSentAgain() {
        String id = create(Map.of(
                "name",
                "CRM",
                "endpoint",
                "https://crm.example.com/api",
                "headers",
                Map.of("Cookie", "session=" + BEARER_TOKEN),
                "authentication",
                Map.of("type", "bearer", "token", BEARER_TOKEN)));

        Api.Response moved = alice.patch("/api/tools/" + id, Map.of("endpoint", "https://collector.example.net/api"));
        Api.Response movedWithout = alice.patch(
                "/api/tools/" + id,
                Map.of(
                        "endpoint",
                        "https://collector.example.net/",
                        "authentication",
                        Map.of("type", "bearer", "token", BEARER_TOKEN)));
        Api.Response samePlace = alice.patch("/api/tools/" + id, Map.of("endpoint", "https://crm.example.com/v2"));

        assertThat(moved.status()).as(moved.toString()).isEqualTo(400);
        assertThat(moved.error().path("details").findValuesAsText("field")).containsExactly("authentication");
        assertThat(movedWithout.status()).as(movedWithout.toString()).isEqualTo(400);
        assertThat(movedWithout.error().path("details").findValuesAsText("field"))
                .containsExactly("headers");
        assertThat(samePlace.status()).as(samePlace.toString()).isEqualTo(200);
        assertThat(samePlace.data().path("headers").path("Cookie").asText()).startsWith("••••");
    }

    @Test
    void updateMergesHeadersOneByOneAndKeepsEveryFieldNotSent() {
        String id = create(Map.of(
                "name",
                "Weather",
                "endpoint",
                "https://api.example.com/weather",
                "description",
                "forecasts",
                "parameters",
                FORECAST_SCHEMA,
                "headers",
                Map.of("Accept", "application/json", "X-Trace", "on", "Authorization", "Bearer " + BEARER_TOKEN)));

        Api.Response updated = alice.send("PATCH", "/api/tools/" + id, """
                {"headers": {"X-Trace": null, "x-region": "eu", "authorization": null}, "method": "GET"}""", "application/merge-patch+json");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        JsonNode tool = updated.data();
        assertThat(tool.path("headers"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("Accept", "application/json", "x-region", "eu")));
        assertThat(tool.path("method").asText()).isEqualTo("GET");
        assertThat(tool.path("name").asText()).isEqualTo("Weather");
        assertThat(tool.path("description").asText()).isEqualTo("forecasts");
        assertThat(tool.path("parameters")).isEqualTo(Api.JSON.valueToTree(FORECAST_SCHEMA));
        assertThat(alice.get("/api/tools/" + id).data()).isEqualTo(tool);

        JsonNode cleared =
                alice.send("PUT", "/api/tools/" + id, """
                {"headers": null, "description": null, "authentication": null}""", "application/json").data();
        assertThat(cleared.path("headers")).isEqualTo(Api.JSON.valueToTree(Map.of()));
        assertThat(cleared.path("description").isNull()).isTrue();
        assertThat(cleared.path("authentication")).isEqualTo(Api.JSON.valueToTree(Map.of("type", "none")));
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheRevisionEvenWhenItSendsACredentialAgain() {
        String id = create(Map.of(
                "name",
                "Same",
                "endpoint",
                "https://api.example.com",
                "authentication",
                Map.of("type", "bearer", "token", BEARER_TOKEN)));

        Api.Response updated = alice.put(
                "/api/tools/" + id,
                Map.of("name", "Same", "authentication", Map.of("type", "bearer", "token", BEARER_TOKEN)));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        String id = create(Map.of("name", "Guarded", "endpoint", "https://api.example.com"));
        assertThat(alice.withHeader("If-Match", "\"1\"")
                        .put("/api/tools/" + id, Map.of("name", "First"))
                        .status())
                .isEqualTo(200);

        Api.Response stale = alice.withHeader("If-Match", "\"1\"").patch("/api/tools/" + id, Map.of("name", "Second"));
        Api.Response staleDelete = alice.withHeader("If-Match", "\"1\"").delete("/api/tools/" + id);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.error().path("code").asText()).isEqualTo("revision_mismatch");
        assertThat(staleDelete.status()).isEqualTo(412);
        assertThat(alice.get("/api/tools/" + id).data().path("name").asText()).isEqualTo("First");
        assertThat(alice.withHeader("If-Match", "\"2\"")
                        .delete("/api/tools/" + id)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deleteMakesTheToolGoneForEveryRoute() {
        String id = create(Map.of("name", "Short-lived", "endpoint", "https://api.example.com"));

        Api.Response deleted = alice.delete("/api/tools/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        assertThat(deleted.data().path("revision").asLong()).isEqualTo(2);
        assertThat(alice.get("/api/tools/" + id).status()).isEqualTo(404);
        assertThat(alice.put("/api/tools/" + id, Map.of("name", "Back")).status())
                .isEqualTo(404);
        assertThat(alice.delete("/api/tools/" + id).status()).isEqualTo(404);
        assertThat(alice.get("/api/tools").data().findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void usedByNamesTheOwnersLiveAssistantsThatUseTheTool() {
        String id = create(Map.of("name", "Weather", "endpoint", "https://api.example.com"));
        String frontDesk = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        String retired = alice.post("/api/assistants", Map.of("name", "Retired"))
                .data()
                .path("id")
                .asText();
        alice.delete("/api/assistants/" + retired);
        // the assignment routes are another slice's; their read model is seeded as their projector will keep it
        for (String assistant : List.of(frontDesk, retired)) {
            jdbc.sql("INSERT INTO query.assistant_tools (assistant_id, tool_id, position) VALUES (?, ?, 0)")
                    .params(assistant, id)
                    .update();
        }

        JsonNode usedBy = alice.get("/api/tools/" + id).data().path("used_by");

        assertThat(usedBy).isEqualTo(Api.JSON.valueToTree(List.of(Map.of("id", frontDesk, "name", "Front desk"))));
        assertThat(alice.get("/api/tools").data().get(0).path("used_by")).isEqualTo(usedBy);
    }

    @Test
    void listsNewestFirstPageByPageWithACursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(Map.of("name", "Tool " + i, "endpoint", "https://api.example.com/" + i)));
        }

        Api.Response first = alice.get("/api/tools?limit=2");
        Api.Response second = alice.get("/api/tools/?limit=2&cursor="
                + first.json().path("meta").path("next_cursor").asText());
        Api.Response last = alice.get("/api/tools?limit=2&cursor="
                + second.json().path("meta").path("next_cursor").asText());

        assertThat(first.json().path("meta").path("total").asLong()).isEqualTo(5);
        assertThat(first.json().path("meta").path("limit").asInt()).isEqualTo(2);
        List<String> listed = new ArrayList<>();
        for (Api.Response page : List.of(first, second, last)) {
            page.data().forEach(tool -> listed.add(tool.path("id").asText()));
        }
        Collections.reverse(ids);
        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(last.json().path("meta").path("next_cursor").isNull()).isTrue();
    }

    @Test
    void listsFilterByCategoryActivityAndName() {
        create(Map.of("name", "Weather Lookup", "endpoint", "https://api.example.com/w", "category", "data"));
        create(Map.of("name", "weather alerts", "endpoint", "https://api.example.com/a", "is_active", false));
        create(Map.of("name", "Booking", "endpoint", "https://api.example.com/b", "category", "calendar"));

        assertThat(names("/api/tools?category=data")).containsExactly("Weather Lookup");
        assertThat(names("/api/tools?category=calendar&is_active=true")).containsExactly("Booking");
        assertThat(names("/api/tools?is_active=false")).containsExactly("weather alerts");
        assertThat(names("/api/tools?q=WEATHER")).containsExactlyInAnyOrder("Weather Lookup", "weather alerts");
        assertThat(names("/api/tools?q=100%25")).isEmpty();
        assertThat(alice.get("/api/tools?q=weather")
                        .json()
                        .path("meta")
                        .path("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void refusesInvalidListParametersNamingEachOne() {
        Api.Response response =
                alice.get("/api/tools?limit=0&is_active=maybe&cursor=nonsense&category=" + "x".repeat(101));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("limit", "is_active", "cursor", "category");
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        Api.Response response = alice.post(
                "/api/tools",
                Map.of(
                        "name", " ",
                        "endpoint", "/weather",
                        "method", "FETCH",
                        "parameters", Map.of("type", "strnig"),
                        "headers", Map.of("Bad Header", "x"),
                        "authentication", Map.of("type", "bearer"),
                        "is_active", "yes",
                        "colour", "blue"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(response.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder(
                        "name",
                        "endpoint",
                        "method",
                        "parameters",
                        "headers",
                        "authentication.token",
                        "is_active",
                        "colour");
        assertThat(alice.get("/api/tools").data()).isEmpty();
    }

    @Test
    void anEndpointMustBeAnAbsoluteWebUrl() {
        for (String endpoint : List.of(
                "/weather",
                "api.example.com/weather",
                "ftp://files.example.com/weather",
                "https://user:secret@api.example.com")) {
            Api.Response response = alice.post("/api/tools", Map.of("name", "Weather", "endpoint", endpoint));

            assertThat(response.status()).as(endpoint).isEqualTo(400);
            assertThat(response.error().path("details").findValuesAsText("field"))
                    .containsExactly("endpoint");
        }
    }

    @Test
    void parametersMustBeAJsonSchema() {
        Api.Response notASchema = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Weather",
                        "endpoint",
                        "https://api.example.com",
                        "parameters",
                        Map.of("properties", Map.of("city", 5))));
        Api.Response notAnObject = alice.post(
                "/api/tools",
                Map.of("name", "Weather", "endpoint", "https://api.example.com", "parameters", List.of("city")));

        assertThat(notASchema.status()).isEqualTo(400);
        assertThat(notASchema.error().path("details").get(0).path("field").asText())
                .isEqualTo("parameters");
        assertThat(notASchema.error().path("details").get(0).path("message").asText())
                .contains("/properties/city");
        assertThat(notAnObject.error().path("details").findValuesAsText("field"))
                .containsExactly("parameters");
    }

    @Test
    void authenticationNamesEachBadFieldOfItsType() {
        Api.Response unknownType = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "CRM",
                        "endpoint",
                        "https://crm.example.com",
                        "authentication",
                        Map.of("type", "oauth2", "token", BEARER_TOKEN)));
        Api.Response wrongFields = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "CRM",
                        "endpoint",
                        "https://crm.example.com",
                        "authentication",
                        Map.of("type", "basic", "username", "ada", "token", BEARER_TOKEN)));

        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.error().path("details").findValuesAsText("field"))
                .containsExactly("authentication.type");
        assertThat(wrongFields.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("authentication.token", "authentication.password");
        assertThat(unknownType.text() + wrongFields.text()).doesNotContain(BEARER_TOKEN);
    }

    @Test
    void serverOwnedFieldsAreNotWritable() {
        Api.Response create = alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Counted",
                        "endpoint",
                        "https://api.example.com",
                        "total_calls",
                        10,
                        "used_by",
                        List.of(),
                        "owner_id",
                        "someone-else"));
        String id = create(Map.of("name", "Counted", "endpoint", "https://api.example.com"));
        Api.Response update = alice.patch(
                "/api/tools/" + id,
                Map.of(
                        "last_used",
                        "2026-01-01T00:00:00.000Z",
                        "avg_response_time",
                        12.5,
                        "revision",
                        9,
                        "created_at",
                        "2026-01-01T00:00:00.000Z"));

        assertThat(create.status()).isEqualTo(400);
        assertThat(create.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("total_calls", "used_by", "owner_id");
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.error().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("last_used", "avg_response_time", "revision", "created_at");
        assertThat(alice.get("/api/tools/" + id).data().path("revision").asLong())
                .isEqualTo(1);
    }

    @Test
    void aNameAndAnEndpointAreRequiredAndCannotBeCleared() {
        Api.Response missing = alice.post("/api/tools", Map.of("description", "neither"));
        String id = create(Map.of("name", "Named", "endpoint", "https://api.example.com"));
        Api.Response cleared =
                alice.send("PATCH", "/api/tools/" + id, "{\"name\": null, \"endpoint\": null}", "application/json");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().path("details").findValuesAsText("field")).containsExactly("endpoint", "name");
        assertThat(cleared.status()).isEqualTo(400);
        assertThat(cleared.error().path("details").findValuesAsText("field")).containsExactly("endpoint", "name");
        assertThat(alice.get("/api/tools/" + id).data().path("name").asText()).isEqualTo("Named");
    }

    @Test
    void anotherUsersToolDoesNotExistForYou() {
        Api bob = api().as(api().signUp());
        String id = create(Map.of("name", "Alice's", "endpoint", "https://api.example.com"));

        assertThat(bob.get("/api/tools/" + id).status()).isEqualTo(404);
        assertThat(bob.put("/api/tools/" + id, Map.of("name", "Bob's now")).status())
                .isEqualTo(404);
        assertThat(bob.patch("/api/tools/" + id, Map.of("name", "Bob's now")).status())
                .isEqualTo(404);
        assertThat(bob.withHeader("If-Match", "\"1\"")
                        .delete("/api/tools/" + id)
                        .status())
                .isEqualTo(404);
        assertThat(bob.delete("/api/tools/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/api/tools").data()).isEmpty();
        assertThat(bob.get("/api/tools").json().path("meta").path("total").asLong())
                .isZero();

        Api.Response untouched = alice.get("/api/tools/" + id);
        assertThat(untouched.data().path("name").asText()).isEqualTo("Alice's");
        assertThat(untouched.data().path("revision").asLong()).isEqualTo(1);
    }

    private void showsNoCredential(String text) {
        assertThat(text)
                .doesNotContain(BEARER_TOKEN)
                .doesNotContain(ROTATED_TOKEN)
                .doesNotContain(PASSWORD)
                .doesNotContain(HEADER_SECRET)
                .doesNotContain("short-key");
    }

    private String create(Map<String, Object> tool) {
        Api.Response created = alice.post("/api/tools", tool);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private List<String> names(String path) {
        Api.Response response = alice.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data().findValuesAsText("name");
    }
}
