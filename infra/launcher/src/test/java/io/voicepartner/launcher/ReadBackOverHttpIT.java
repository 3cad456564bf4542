package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Read-your-writes as the split deployment does it: with {@code QUERY_SIDE_URL} set, a write reads itself
 * back with a {@code GET} over HTTP (here to this very process) instead of calling the route in process, and
 * answers the same. The other integration tests run the all-in-one, where the read back stays in process.
 * A platform of its own (own database and broker), so that its publisher and consumers never share a token
 * store or a consumer group with the shared platform's; closed after the class.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class ReadBackOverHttpIT {

    private static final int PORT = TestInfrastructure.freePort();
    /** Stopped at exit rather than after the class, so that it outlives the platform it serves. */
    private static final LocalKafka kafka = LocalKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
    }

    private static final Pattern ASSISTANT_READS = Pattern.compile(
            "^http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*"
                    + "uri=\"/api/assistants/\\{id}\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    @DynamicPropertySource
    static void readBackOverHttp(DynamicPropertyRegistry properties) {
        TestInfrastructure.newDatabase().register(properties);
        properties.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        properties.add("voicepartner.files.storage-dir", TestInfrastructure::fileStorageDirectory);
        properties.add("server.port", () -> PORT);
        properties.add("voicepartner.read-your-writes.query-side-url", () -> "http://127.0.0.1:" + PORT);
    }

    @Test
    void writesAnswerWhatTheReadOverHttpShowed() {
        Api alice = api().as(api().signUp());
        double readsBefore = assistantReads();

        Api.Response created = alice.post("/api/assistants/", Map.of("name", "Front desk"));
        String id = created.data().path("id").asText();
        Api.Response updated = alice.patch("/api/assistants/" + id, Map.of("temperature", 0.4));
        Api.Response deleted = alice.delete("/api/assistants/" + id);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(updated.data().path("revision").asLong()).isEqualTo(2);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        // the create's and the update's read backs; the delete's is a 404, counted apart
        assertThat(assistantReads() - readsBefore).isEqualTo(2);
    }

    private double assistantReads() {
        Matcher line = ASSISTANT_READS.matcher(api().get("/actuator/prometheus").text());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static Api api() {
        return new Api("http://127.0.0.1:" + PORT);
    }
}
