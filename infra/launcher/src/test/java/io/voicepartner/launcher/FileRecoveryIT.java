package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A file still {@code uploading} when the platform stops is read when it starts again: the extraction's
 * position is stored with its outcome, so work the first run never finished is still ahead of the second.
 * A platform of its own (database, broker, file directory) is started, stopped and started again.
 */
@BesideTheOthers
class FileRecoveryIT {

    private static final String TEXT = "Notdienst am Wochenende: 0800 123 456. Grüße, Ihr Praxisteam";

    @TempDir
    Path files;

    @Test
    void aFileLeftUploadingByAStoppedPlatformIsProcessedAfterTheRestart() {
        TestInfrastructure.Database database = TestInfrastructure.newDatabase();
        LocalKafka kafka = LocalKafka.start(0);
        try {
            Api.User alice;
            String id;
            try (ConfigurableApplicationContext first = InProcessPlatform.start(database, kafka, files)) {
                // the platform goes down before its extraction got to the upload, as in a crash right after it
                first.getBean(EventProcessingConfiguration.class)
                        .eventProcessor("file-processing")
                        .ifPresent(EventProcessor::shutDown);
                Api api = InProcessPlatform.api(first);
                alice = api.signUp();
                Api.Response uploaded = api.as(alice)
                        .upload("/api/files", Map.of(), "Notdienst.txt", TEXT.getBytes(StandardCharsets.UTF_8));
                assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
                id = uploaded.data().path("id").asText();
                assertThat(api.as(alice)
                                .get("/api/files/" + id)
                                .data()
                                .path("status")
                                .asText())
                        .isEqualTo("uploading");
            }

            try (ConfigurableApplicationContext second = InProcessPlatform.start(database, kafka, files)) {
                Api owner = InProcessPlatform.api(second).as(alice);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> owner.get("/api/files/" + id)
                                        .data()
                                        .path("status")
                                        .asText(),
                                "processed"::equals);
                assertThat(owner.get("/api/files/" + id + "/text").text()).contains(TEXT);
            }
        } finally {
            kafka.stop();
        }
    }
}
