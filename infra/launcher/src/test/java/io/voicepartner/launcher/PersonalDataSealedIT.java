package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A person's e-mail address, name and the addresses they sign in from enter events, and so the event store and the
 * topics, only sealed with their own key (ADR 0034): a consumer of the topics never receives them in clear, while the
 * API, which opens them, shows them as before.
 */
class PersonalDataSealedIT extends PlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTopicsAndTheEventStoreHoldAPersonsDataSealedAndTheApiShowsItOpened() throws Exception {
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        String email = canary + "@example.com";
        String name = "Canary " + canary;
        // as the platform writes an IPv6 address: every group, without leading zeros
        String client = "2001:db8:" + Integer.toHexString(Integer.parseInt(canary.substring(6, 10), 16) | 0x1000) + ":"
                + Integer.toHexString(Integer.parseInt(canary.substring(10, 14), 16) | 0x1000) + ":0:0:0:7";
        Api.Response signedUp =
                api().post("/api/users", Map.of("email", email, "password", "correct horse", "name", name));
        assertThat(signedUp.status()).as("%s", signedUp).isEqualTo(201);
        String userId = signedUp.data().path("id").asText();
        Api.Response token = throughGateway(client).post("/token", Map.of("email", email, "password", "correct horse"));
        assertThat(token.status()).as("%s", token).isEqualTo(200);
        Api person = api().withHeader(
                        "Authorization",
                        "Bearer " + token.json().path("access_token").asText());

        Api.Response me = person.get("/api/users/me");
        assertThat(me.data().path("email").asText()).isEqualTo(email);
        assertThat(me.data().path("name").asText()).isEqualTo(name);
        assertThat(person.get("/api/organizations/" + userId)
                        .data()
                        .path("name")
                        .asText())
                .isEqualTo(name + "'s organization");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode signIn = person.get("/api/organizations/" + userId + "/audit-log?action=SignInSucceeded")
                    .data()
                    .path(0);
            assertThat(signIn.path("client_address").asText()).isEqualTo(client);
            assertThat(signIn.path("actor").path("email").asText()).isEqualTo(email);
        });

        List<String> canaries = encodings(List.of(email, name, client, canary));
        TopicReader topics = new TopicReader(TestInfrastructure.kafkaBootstrapServers());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        records.addAll(topics.recordsWithKey("voicepartner.users", userId, 1));
        records.addAll(topics.recordsWithKey("voicepartner.organizations", userId, 1));
        records.addAll(topics.recordsWithKey("voicepartner.sign-ins", userId, 1));
        for (ConsumerRecord<String, byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).as(record.topic()).doesNotContain(canaries).contains("pd1:" + userId + ":");
        }
        JsonNode registered = JSON.readTree(records.get(0).value()).path("data");
        assertThat(registered.path("email").asText()).startsWith("pd1:");
        assertThat(registered.path("name").asText()).startsWith("pd1:");
        assertThat(eventStoreText(userId)).doesNotContain(canaries).contains("pd1:" + userId + ":");
    }

    /** The payloads of every event the store holds of the user's stream, sign-ins included, as text. */
    private static String eventStoreText(String userId) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection database = StoredEvents.connect();
                ResultSet rows = database.createStatement()
                        .executeQuery("SELECT payload FROM command.domain_event_entry WHERE aggregate_identifier = '"
                                + userId + "' OR convert_from(payload, 'UTF8') LIKE '%" + userId + "%'")) {
            while (rows.next()) {
                text.append(new String(rows.getBytes(1), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** Each value as it is and in base64 (standard and URL-safe). */
    private static List<String> encodings(List<String> values) {
        List<String> forms = new ArrayList<>();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            forms.add(value);
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return forms;
    }
}
