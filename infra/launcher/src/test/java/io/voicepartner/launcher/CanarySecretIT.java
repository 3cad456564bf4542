package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.voicepartner.support.security.ApiKeyUse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A canary secret stored in a tool (its bearer token, an API-key header, a key in its endpoint's query string) is
 * followed everywhere the platform writes: every response of every route that shows the tool, every log line (the
 * platform's own at debug), every event payload and metadata in the store, every lookup and read-model row, and every
 * record and header on Kafka. It must not appear in clear anywhere but in the one answer meant to carry it, the
 * runtime's call-start lookup of a number the tool's assistant answers; other responses show at most its last four
 * characters. So is the secret of one of the platform's own API keys, which only the answer to its creation shows.
 */
@ExtendWith(OutputCaptureExtension.class)
class CanarySecretIT extends PlatformIT {

    @Test
    void aToolsSecretNeverLeavesTheEncryptedEvent(CapturedOutput logs) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("io.voicepartner", LogLevel.DEBUG);
        try {
            followTheCanary(logs);
        } finally {
            logging.setLogLevel("io.voicepartner", null);
        }
    }

    @Test
    void anApiKeysSecretIsShownOnceAndNowhereElse(CapturedOutput logs) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("io.voicepartner", LogLevel.DEBUG);
        try {
            followTheApiKey(logs);
        } finally {
            logging.setLogLevel("io.voicepartner", null);
        }
    }

    private void followTheApiKey(CapturedOutput logs) throws Exception {
        Api alice = api().as(api().signUp());
        String organization = alice.post("/api/organizations", Map.of("name", "Acme"))
                .data()
                .path("id")
                .asText();
        Api admin = alice.withHeader("X-Organization-Id", organization);
        String keys = "/api/organizations/" + organization + "/api-keys";
        Api.Response created = admin.withHeader(
                        "Idempotency-Key", UUID.randomUUID().toString())
                .post(
                        keys,
                        Map.of(
                                "name",
                                "Voice runtime",
                                "scopes",
                                List.of("config:read", "config:write", "usage:write")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String keyId = created.data().path("id").asText();
        String key = created.data().path("key").asText();
        // what is not shown of it: the whole key, and its part after the prefix the lists show
        List<String> secrets = List.of(key, key.substring(11));
        Api machine = api().withHeader("Authorization", "Bearer " + key);
        List<Api.Response> responses = new ArrayList<>();

        String tool = machine.post("/api/tools", Map.of("name", "Calendar", "endpoint", "https://tools.example.com/c"))
                .data()
                .path("id")
                .asText();
        String assistant = machine.post("/api/assistants", Map.of("name", "Front desk", "tool_ids", List.of(tool)))
                .data()
                .path("id")
                .asText();
        responses.add(machine.get("/api/tools/" + tool));
        responses.add(machine.post(
                "/api/tools/" + tool + "/executions",
                Map.of("duration_ms", 80, "success", true, "assistant_id", assistant)));
        responses.add(machine.get("/api/organizations/" + organization));
        responses.add(machine.get("/api/users/me"));
        responses.add(machine.get(keys));
        responses.add(api().withHeader("Authorization", "Bearer " + key + "x").get("/api/tools"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get(keys).data().get(0).path("last_used_at").isTextual());
        responses.add(admin.get(keys));
        responses.add(admin.get("/api/tools/" + tool + "/history"));
        responses.add(admin.delete(keys + "/" + keyId));
        responses.add(machine.get("/api/tools"));

        assertThat(responses).allSatisfy(response -> assertThat(response.text()).doesNotContain(secrets));
        assertThat(CanarySearch.everyRow(TestInfrastructure.database()))
                .as("event store, lookups, idempotency keys, read models and analytics")
                .doesNotContain(secrets)
                .contains(keyId);
        String kafka = kafkaText("voicepartner.organizations", organization, 3) + kafkaText(ApiKeyUse.TOPIC, keyId, 1);
        assertThat(kafka).contains(keyId).doesNotContain(secrets);
        assertThat(logs.getAll()).as("log lines").doesNotContain(secrets);
    }

    private void followTheCanary(CapturedOutput logs) throws Exception {
        String token = "canary-token-" + UUID.randomUUID();
        String headerKey = "canary-header-" + UUID.randomUUID();
        String rotated = "canary-rotated-" + UUID.randomUUID();
        String queryKey = "canary-query-" + UUID.randomUUID();
        String movedQueryKey = "canary-moved-query-" + UUID.randomUUID();
        List<String> canaries = List.of(token, headerKey, rotated, queryKey, movedQueryKey);
        Api alice = api().as(api().signUp());
        List<Api.Response> responses = new ArrayList<>();

        Api.Response created = alice.withHeader(
                        "Idempotency-Key", UUID.randomUUID().toString())
                .post(
                        "/api/tools",
                        Map.of(
                                "name",
                                "Calendar",
                                "endpoint",
                                "https://tools.example.com/calendar?api_key=" + queryKey + "&view=week",
                                "headers",
                                Map.of("X-Api-Key", headerKey, "Accept", "application/json"),
                                "authentication",
                                Map.of("type", "bearer", "token", token)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String tool = created.data().path("id").asText();
        responses.add(created);
        responses.add(alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "",
                        "endpoint",
                        "not a url",
                        "authentication",
                        Map.of("type", "bearer", "token", token, "extra", headerKey))));
        responses.add(alice.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Typed",
                        "endpoint",
                        "https://x.example.com",
                        "authentication",
                        Map.of("type", "basic", "username", token, "password", 42))));
        assertThat(created.data().path("endpoint").asText())
                .isEqualTo("https://tools.example.com/calendar?api_key=" + "••••"
                        + queryKey.substring(queryKey.length() - 4) + "&view=week");
        responses.add(alice.patch(
                "/api/tools/" + tool,
                Map.of("description", "rotated", "authentication", Map.of("type", "bearer", "token", rotated))));
        responses.add(alice.patch(
                "/api/tools/" + tool,
                Map.of(
                        "endpoint",
                        "https://tools.example.com/calendar?view=month&X-Amz-Signature=" + movedQueryKey,
                        "authentication",
                        Map.of("type", "bearer", "token", rotated))));
        responses.add(alice.patch(
                "/api/tools/" + tool,
                Map.of("endpoint", "https://tools.example.com/calendar?sig=" + queryKey + "&sig=" + movedQueryKey)));
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk", "tool_ids", List.of(tool)))
                .data()
                .path("id")
                .asText();
        for (String path : List.of(
                "/api/tools/" + tool,
                "/api/tools",
                "/api/tools?q=Calendar",
                "/api/assistants/" + assistant,
                "/api/assistants/" + assistant + "/tools",
                "/api/assistants",
                "/schema")) {
            responses.add(alice.get(path));
        }
        responses.add(api().as(api().signUp()).get("/api/tools/" + tool));
        // the runtime's call-start lookup is the one answer meant to carry them, to call the tool with
        assertThat(alice.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String number =
                "+4930" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
        assertThat(alice.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant))
                        .status())
                .isEqualTo(201);
        assertThat(alice.get("/api/runtime/phone-numbers/" + number).text())
                .contains(rotated, headerKey, movedQueryKey);
        responses.add(alice.get("/api/assistants/" + assistant + "/versions/1"));

        assertThat(responses).allSatisfy(response -> assertThat(response.text()).doesNotContain(canaries));
        assertThat(CanarySearch.everyRow(TestInfrastructure.database()))
                .as("event store, lookups, idempotency keys and read models")
                .doesNotContain(canaries)
                .contains(tool);
        assertThat(kafkaText("voicepartner.tools", tool, 3)).contains(tool).doesNotContain(canaries);
        assertThat(logs.getAll()).as("log lines").doesNotContain(canaries);
    }

    /** The records with this key on the topic (at least {@code count} of them), values and headers. */
    private static String kafkaText(String topic, String key, int count) {
        StringBuilder text = new StringBuilder();
        for (ConsumerRecord<String, byte[]> record :
                new TopicReader(TestInfrastructure.kafkaBootstrapServers()).recordsWithKey(topic, key, count)) {
            text.append(new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                text.append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
