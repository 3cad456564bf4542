package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 21's test of erasure: a canary person signs up with a canary e-mail address and name, uses the platform (a
 * tool, an assistant with a published version and a phone number, a knowledge file, usage, sign-ins right and wrong,
 * an invitation to another person's organization, where they work with a webhook endpoint listening), and closes the
 * account. Then the canary is in no table of a dump of the platform's database (events, snapshots, lookups, read
 * models, analytics), no record of any topic (values, keys and headers) and no log line, in clear, JSON-escaped, URL
 * encoded or base64 at any alignment; their stored file is gone; and the other organization keeps the assistant they
 * made there, whose history still reads, with the person shown by id alone.
 *
 * <p>The same search finds the canary in the dump before the erasure: it is a search that can fail.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureIT extends PlatformIT {

    @Test
    void anErasedPersonIsInNoTableNoTopicAndNoLogLine(CapturedOutput logs) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("io.voicepartner", LogLevel.DEBUG);
        try {
            eraseTheCanary(logs);
        } finally {
            logging.setLogLevel("io.voicepartner", null);
        }
    }

    private void eraseTheCanary(CapturedOutput logs) throws Exception {
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        String email = canary + "@example.com";
        String name = "Canary \"Ünïcode\" " + canary;
        String password = "pw-" + canary;
        List<String> canaries = List.of(email, name, canary);

        Api.Response signedUp = api().post("/api/users", Map.of("email", email, "password", password, "name", name));
        assertThat(signedUp.status()).as("%s", signedUp).isEqualTo(201);
        String userId = signedUp.data().path("id").asText();
        assertThat(api().post("/token", Map.of("email", email, "password", "wrong-" + password))
                        .status())
                .isEqualTo(401);
        Api person = api().withHeader("Authorization", "Bearer " + api().login(email, password));

        // their personal organization, which goes with them, with a resource of every kind, a webhook endpoint and
        // their usage
        String personalEndpoint = idOf(person.post(
                "/api/webhook-endpoints", Map.of("url", "http://127.0.0.2:9/personal", "event_types", List.of("*"))));
        String tool = idOf(person.post("/api/tools", Map.of("name", "Calendar", "endpoint", "https://t.example.com")));
        String assistant =
                idOf(person.post("/api/assistants", Map.of("name", "Front desk", "tool_ids", List.of(tool))));
        assertThat(person.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String number =
                "+4930" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
        assertThat(person.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant))
                        .status())
                .isEqualTo(201);
        assertThat(person.post(
                                "/api/tools/" + tool + "/executions",
                                Map.of("duration_ms", 80, "success", true, "assistant_id", assistant))
                        .status())
                .isEqualTo(202);
        String file =
                idOf(person.upload("/api/files", Map.of(), "notes.txt", "Notizen".getBytes(StandardCharsets.UTF_8)));
        Path storedFile = Path.of(TestInfrastructure.fileStorageDirectory(), file);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(storedFile));

        // another person's organization, which they join by invitation and work in, and which stays
        Api owner = api().as(api().signUp());
        String acme = idOf(owner.post("/api/organizations", Map.of("name", "Acme")));
        Api acmeOwner = owner.withHeader("X-Organization-Id", acme);
        String endpoint = idOf(acmeOwner.post(
                "/api/webhook-endpoints", Map.of("url", "http://127.0.0.2:9/erasure", "event_types", List.of("*"))));
        Api.Response invited = acmeOwner.post(
                "/api/organizations/" + acme + "/invitations",
                Map.of("email", email.toUpperCase(Locale.ROOT), "role", "editor"));
        assertThat(invited.status()).as("%s", invited).isEqualTo(201);
        assertThat(person.post(
                                "/api/invitations/"
                                        + invited.data().path("token").asText() + "/accept",
                                Map.of())
                        .status())
                .isEqualTo(200);
        String theirWork = idOf(person.withHeader("X-Organization-Id", acme)
                .post("/api/assistants", Map.of("name", "Made by the canary")));
        // the webhook has taken their change into a delivery, whose actor is the person with their address
        await().atMost(Duration.ofSeconds(30))
                .until(() -> acmeOwner
                        .get("/api/webhook-endpoints/" + endpoint + "/deliveries")
                        .text()
                        .contains("assistant.created"));

        assertThat(CanarySearch.search(CanarySearch.storedText(TestInfrastructure.database()), canaries))
                .as("the search finds the canary before the erasure")
                .isNotEmpty();

        Api.Response wrongPassword =
                person.send("DELETE", "/api/users/me", Map.of("password", "wrong"), "application/json");
        assertThat(wrongPassword.status()).as("%s", wrongPassword).isEqualTo(400);
        assertThat(person.get("/api/users/me").data().path("email").asText()).isEqualTo(email);

        Api.Response erased = person.send("DELETE", "/api/users/me", Map.of("password", password), "application/json");
        assertThat(erased.status()).as("%s", erased).isEqualTo(200);
        assertThat(erased.data().path("deleted_organizations"))
                .extracting(JsonNode::asText)
                .containsExactly(userId);
        assertThat(erased.data().path("left_organizations"))
                .extracting(JsonNode::asText)
                .containsExactly(acme);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(person.get("/api/users/me").status()).isEqualTo(401);
            assertThat(acmeOwner.get("/api/organizations/" + acme + "/members").text())
                    .doesNotContain(userId);
            assertThat(storedFile).doesNotExist();
        });
        // the endpoint of the organization deleted with them is deleted too (before the rest of it, ADR 0043): no
        // delivery to it is left pending, and none is attempted once the query side has its deletion (an attempt
        // between the deletion's event and its projection may still go out: ADR 0043)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(StoredEvents.column(
                            "SELECT CAST(deleted_at AS TEXT) FROM query.webhook_endpoints WHERE id = ?",
                            personalEndpoint))
                    .singleElement()
                    .isNotNull();
            assertThat(StoredEvents.column(
                            "SELECT id FROM query.webhook_deliveries WHERE endpoint_id = ? AND status = 'pending'",
                            personalEndpoint))
                    .isEmpty();
        });
        String attemptsToTheEndpoint = "SELECT CAST(a.attempted_at AS TEXT) FROM query.webhook_attempts a "
                + "JOIN query.webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ? "
                + "ORDER BY a.attempted_at";
        List<String> attemptedOnceDeleted = StoredEvents.column(attemptsToTheEndpoint, personalEndpoint);
        assertThat(StoredEvents.column(
                        "SELECT CAST(deleted AS TEXT) FROM command.webhook_endpoint_lookup WHERE endpoint_id = ?",
                        personalEndpoint))
                .containsExactly("true");
        // the erasure is on the users' topic, after its record (ErasureRequested, ADR 0046): what is read of every
        // topic below includes it
        assertThat(new TopicReader(TestInfrastructure.kafkaBootstrapServers())
                        .recordsWithKey("voicepartner.users", userId, 3)
                        .get(2)
                        .headers()
                        .lastHeader("type")
                        .value())
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("UserErased");
        assertThat(api().post("/token", Map.of("email", email, "password", password))
                        .status())
                .isEqualTo(401);

        Api.Response kept = acmeOwner.get("/api/assistants/" + theirWork);
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.data().path("name").asText()).isEqualTo("Made by the canary");
        Api.Response history = acmeOwner.get("/api/assistants/" + theirWork + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode actor = history.data().get(0).path("actor");
        assertThat(actor.path("id").asText()).isEqualTo(userId);
        assertThat(actor.has("email")).as("%s", actor).isFalse();

        assertThat(CanarySearch.search(CanarySearch.storedText(TestInfrastructure.database()), canaries))
                .as("the database")
                .isEmpty();
        assertThat(CanarySearch.search(
                        CanarySearch.recordsOfEveryTopic(TestInfrastructure.kafkaBootstrapServers()), canaries))
                .as("the topics")
                .isEmpty();
        assertThat(CanarySearch.search(logs.getAll(), canaries)).as("the logs").isEmpty();
        assertThat(StoredEvents.column(attemptsToTheEndpoint, personalEndpoint))
                .as("attempts to the deleted endpoint, seconds after its deletion was applied")
                .isEqualTo(attemptedOnceDeleted);
    }

    private static String idOf(Api.Response created) {
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.data().path("id").asText();
    }
}
