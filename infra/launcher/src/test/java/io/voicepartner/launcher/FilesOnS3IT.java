package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Knowledge files on an S3-compatible store ({@code FILE_STORAGE_S3_BUCKET}): a platform of its own (its own
 * database and broker) whose uploads, extracted texts and deletions go to a bucket it creates on start.
 */
@SpringBootTest(classes = PlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a platform of its own: closed at the end of this class, not kept running beside the others
@DirtiesContext
@BesideTheOthers
class FilesOnS3IT {

    private static final String TEXT = "Sprechstunde: Dienstag 9–12 Uhr. Schöne Grüße aus München.";
    /** Stopped at exit rather than after the class, so that it outlives the platform it serves. */
    private static final LocalKafka kafka = LocalKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
    }

    @LocalServerPort
    int port;

    @Value("${voicepartner.files.s3.bucket}")
    String bucket;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure.newDatabase().register(properties);
        properties.add("spring.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
        // about where the bytes go, not the bound of read-your-writes
        properties.add("voicepartner.read-your-writes.timeout", () -> TestPlatform.COLD_START_READ_YOUR_WRITES);
        TestS3.server().register(properties);
    }

    @Test
    void anUploadIsStoredInTheBucketReadFromItAndRemovedFromItWhenDeleted() {
        Api api = new Api("http://127.0.0.1:" + port);
        Api alice = api.as(api.signUp());
        byte[] content = TEXT.getBytes(StandardCharsets.UTF_8);

        Api.Response created = alice.upload("/api/files", Map.of(), "Sprechstunde.txt", content);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.data().path("id").asText();
        assertThat(created.data().has("s3_url"))
                .as("the bucket and key are the platform's business")
                .isFalse();
        JsonNode processed = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> alice.get("/api/files/" + id).data(),
                        file -> "processed".equals(file.path("status").asText()));
        assertThat(processed.path("extracted_text_length").asLong()).isGreaterThanOrEqualTo(TEXT.length());
        assertThat(alice.get("/api/files/" + id + "/text").text()).contains(TEXT);
        assertThat(alice.download("/api/files/" + id + "/content").body()).isEqualTo(content);
        try (S3Client s3 = client()) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key(id)).asByteArray())
                    .isEqualTo(content);
            assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key(id + ".txt"))
                            .asUtf8String())
                    .contains(TEXT);

            assertThat(alice.delete("/api/files/" + id).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThatThrownBy(() -> s3.headObject(
                                        head -> head.bucket(bucket).key(id)))
                                .isInstanceOf(NoSuchKeyException.class);
                        assertThatThrownBy(() -> s3.headObject(
                                        head -> head.bucket(bucket).key(id + ".txt")))
                                .isInstanceOf(NoSuchKeyException.class);
                    });
        }
        assertThat(alice.get("/api/files/" + id + "/content").status()).isEqualTo(404);
    }

    private static S3Client client() {
        TestS3 server = TestS3.server();
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(server.endpoint()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build();
    }
}
