package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The document the platform serves passes an established OpenAPI linter, Redocly CLI, with the rules of
 * {@code infra/openapi-lint/redocly.yaml} and zero errors. The linter's version is pinned by that directory's
 * {@code package-lock.json}; {@code npm ci} installs it on a clean clone (node and npm must be on the PATH).
 */
@BesideTheOthers
class OpenApiLintIT extends PlatformIT {

    private static final Path LINT = Node.Tool.OPENAPI_LINT.directory;

    @Test
    void theDocumentPassesTheLinterWithoutErrors() throws Exception {
        Path document = Files.createDirectories(Path.of("target"))
                .resolve("openapi.json")
                .toAbsolutePath();
        Files.writeString(document, api().get("/openapi.json").text(), StandardCharsets.UTF_8);
        Node.install(Node.Tool.OPENAPI_LINT);

        Node.Result lint = Node.run(
                LINT,
                List.of(
                        "npx",
                        "--no-install",
                        "redocly",
                        "lint",
                        "--config",
                        "redocly.yaml",
                        "--format",
                        "stylish",
                        document.toString()),
                120);

        assertThat(lint.exit()).as(lint.output()).isZero();
    }
}
