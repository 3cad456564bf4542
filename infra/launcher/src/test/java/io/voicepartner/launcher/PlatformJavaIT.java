package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The all-in-one on the java that {@code ./run} starts it on ({@code infra/scripts/platform-java}: on this kind of
 * machine JDK 25, while the tests themselves run on JDK 17, ADR 0050): the jar as the build made it, with the JVM
 * options of {@code infra/launcher/java-options}, its own broker and database. Without a start-up cache, which only
 * makes a start faster, and with C1's code alone.
 */
@BesideTheOthers
class PlatformJavaIT {

    private static final Path WORK = Path.of("target/platform-java").toAbsolutePath();

    private Process platform;

    @AfterEach
    void stop() throws InterruptedException {
        if (platform != null) {
            platform.destroy();
            platform.waitFor();
        }
    }

    @Test
    void thePlatformStartsAndAnswersOnTheJavaRunStartsItOn() throws IOException, InterruptedException {
        Path java = Path.of(platformJava());
        Files.createDirectories(WORK);
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(Files.readString(Path.of("java-options")).trim().split("\\s+")));
        // C1 alone, as the split deployment's test starts its sides: a start and a few requests need no C2 code, and
        // half the start's CPU is left to the tests beside this one
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(
                List.of("-jar", Path.of("target", "voicepartner-platform.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("platform.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("KAFKA_BOOTSTRAP_SERVERS");
        environment.put("PORT", Integer.toString(TestInfrastructure.freePort()));
        environment.put("LOCAL_KAFKA_PORT", Integer.toString(TestInfrastructure.freePort()));
        environment.put("DATABASE_URL", TestInfrastructure.newDatabase().jdbcUrl());
        environment.put("FILE_STORAGE_DIR", WORK.resolve("files").toString());
        environment.put("SECRET_KEY", TestKeys.TOKEN_KEY);
        environment.put("SECRETS_KEY", TestKeys.SECRETS_KEY);
        environment.put("API_KEY_HASH_KEY", TestKeys.API_KEY_HASH_KEY);
        platform = builder.start();
        Api api = new Api("http://127.0.0.1:" + environment.get("PORT"));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(platform.isAlive())
                            .as("the platform exited; see %s", WORK.resolve("platform.log"))
                            .isTrue();
                    try {
                        return api.get("/health").status() == 200;
                    } catch (UncheckedIOException notYet) {
                        return false;
                    }
                });

        assertThat(platform.info().command().map(Path::of))
                .as("the process runs the java that infra/scripts/platform-java names")
                .hasValue(realPath(java));
        Api alice = api.as(api.signUp());
        Api.Response created = alice.post("/api/assistants", Map.of("name", "Front desk"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Api.Response read =
                alice.get("/api/assistants/" + created.data().path("id").asText());
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.data().path("name").asText()).isEqualTo("Front desk");
    }

    /** The file a java names, found on the PATH when it names no directory ({@code java}). */
    private static Path realPath(Path java) throws IOException {
        if (java.getParent() == null) {
            for (String directory : System.getenv("PATH").split(":")) {
                if (Files.isExecutable(Path.of(directory).resolve(java))) {
                    return Path.of(directory).resolve(java).toRealPath();
                }
            }
        }
        return java.toRealPath();
    }

    private static String platformJava() throws IOException, InterruptedException {
        Process script = new ProcessBuilder(
                        Node.REPOSITORY.resolve("infra/scripts/platform-java").toString())
                .redirectErrorStream(true)
                .start();
        String java = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(script.waitFor()).as("infra/scripts/platform-java: %s", java).isZero();
        return java;
    }
}
