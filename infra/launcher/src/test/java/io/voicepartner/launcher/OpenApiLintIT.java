package io.voicepartner.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document the platform serves passes an established OpenAPI linter, Redocly CLI, with the rules of
 * {@code infra/openapi-lint/redocly.yaml} and zero errors. The linter's version is pinned by that directory's
 * {@code package-lock.json}; {@code npm ci} installs it on a clean clone (node and npm must be on the PATH).
 */
class OpenApiLintIT extends PlatformIT {

    private static final Path LINT = Path.of("..", "openapi-lint").toAbsolutePath().normalize();

    @Test
    void theDocumentPassesTheLinterWithoutErrors() throws Exception {
        Path document = Files.createDirectories(Path.of("target")).resolve("openapi.json").toAbsolutePath();
        Files.writeString(document, api().get("/openapi.json").text(), StandardCharsets.UTF_8);
        if (!Files.isDirectory(LINT.resolve("node_modules/@redocly/cli"))) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300).exit()).as("npm ci").isZero();
        }

        Result lint = run(List.of("npx", "--no-install", "redocly", "lint", "--config", "redocly.yaml",
                "--format", "stylish", document.toString()), 120);

        assertThat(lint.exit()).as(lint.output()).isZero();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("openapi-lint", ".log");
        Process process = new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " took longer than " + timeoutSeconds + " s: " + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }
}
