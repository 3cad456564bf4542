package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The mock mode a frontend develops against without a backend: {@code infra/scripts/mock-api PORT} serves the
 * document's examples with Prism, and the typed client's smoke test (its mock variant) passes against it. No
 * platform runs here: the mock needs only the committed document.
 */
@BesideTheOthers
@ResourceLock(TypeScriptClientIT.COMPILED_CLIENT)
class MockApiIT {

    private static final Path SCRIPT = Node.REPOSITORY.resolve("infra/scripts/mock-api");
    private static Process mock;
    private static Path log;
    private static int port;

    @BeforeAll
    static void startTheMock() throws Exception {
        Node.install(Node.Tool.MOCK_API);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        log = Files.createTempFile("mock-api", ".log");
        mock = new ProcessBuilder(SCRIPT.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitListening();
    }

    @AfterAll
    static void stopTheMock() throws IOException {
        if (mock != null) {
            mock.descendants().forEach(ProcessHandle::destroy);
            mock.destroy();
        }
        Files.deleteIfExists(log);
    }

    @Test
    void servesTheDocumentsExamples() {
        Api.Response assistants = new Api("http://127.0.0.1:" + port)
                .withHeader("Authorization", "Bearer example")
                .get("/api/assistants");

        assertThat(assistants.status()).as(assistants.text()).isEqualTo(200);
        assertThat(assistants.data().path(0).path("name").asText()).isEqualTo("Front desk");
        assertThat(assistants.json().path("meta").path("next_cursor").isTextual())
                .isTrue();
    }

    @Test
    void theTypedClientsSmokeTestPassesAgainstTheMock() throws Exception {
        Node.install(Node.Tool.TYPESCRIPT_CLIENT);
        TypeScriptClientIT.compile();

        Node.Result smoke = Node.run(
                TypeScriptClientIT.CLIENT,
                List.of("node", "dist/smoke/smoke.js", "http://127.0.0.1:" + port, "--mock"),
                120);

        assertThat(smoke.exit()).as(smoke.output()).isZero();
    }

    /** Prism takes a few seconds to read the document: a bounded wait for its port. */
    private static void awaitListening() {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!mock.isAlive()) {
                        throw new AssertionError("infra/scripts/mock-api stopped: " + Files.readString(log));
                    }
                    try (Socket ignored = new Socket("127.0.0.1", port)) {
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }
}
