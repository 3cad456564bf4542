package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The typed TypeScript client of {@code clients/typescript} is what a frontend uses: its committed copy of the
 * document and the types generated from it must be those of the platform that runs (else they drifted, and
 * the failure says how to regenerate them), it compiles with {@code tsc}, and its smoke test passes under
 * Node against the platform: sign-up, log-in, an assistant with a tool read back, a list paged by cursor, a
 * 412 and a 404 as typed errors.
 */
@BesideTheOthers
@ResourceLock(value = PlatformIT.READ_MODELS, mode = ResourceAccessMode.READ)
@ResourceLock(TypeScriptClientIT.COMPILED_CLIENT)
class TypeScriptClientIT extends PlatformIT {

    static final Path CLIENT = Node.Tool.TYPESCRIPT_CLIENT.directory;
    /** What {@link #compile} writes: one compilation at a time. */
    static final String COMPILED_CLIENT = "clients/typescript/dist";

    private static final Path GENERATED = Path.of("target", "typescript-client").toAbsolutePath();
    private static final String REGENERATE = "cp infra/launcher/target/typescript-client/openapi.json "
            + "clients/typescript/openapi.json && (cd clients/typescript && npm run generate)";

    @BeforeAll
    static void install() {
        Node.install(Node.Tool.TYPESCRIPT_CLIENT);
    }

    @Test
    void theCommittedDocumentAndTypesAreThoseThePlatformServes() throws Exception {
        JsonNode served = Api.JSON.readTree(api().get("/openapi.json").text());
        Path document = Files.createDirectories(GENERATED).resolve("openapi.json");
        Files.writeString(document, readable(served), StandardCharsets.UTF_8);

        JsonNode committed = Api.JSON.readTree(CLIENT.resolve("openapi.json").toFile());
        assertThat(differences("", committed, served, new ArrayList<>()))
                .as("clients/typescript/openapi.json "
                        + "is not the platform's /openapi.json at these places; update it and the types with: "
                        + REGENERATE)
                .isEmpty();

        Path types = GENERATED.resolve("schema.d.ts");
        Node.Result generate = Node.run(
                CLIENT,
                List.of("npx", "--no-install", "openapi-typescript", document.toString(), "--output", types.toString()),
                120);
        assertThat(generate.exit()).as(generate.output()).isZero();
        assertThat(CLIENT.resolve("src/schema.d.ts"))
                .as("clients/typescript/src/schema.d.ts is not what "
                        + "openapi-typescript makes of /openapi.json; regenerate it with: " + REGENERATE)
                .hasSameTextualContentAs(types);
    }

    @Test
    void theClientCompilesAndPassesItsSmokeTestAgainstThePlatform() throws Exception {
        compile();

        Node.Result smoke = Node.run(CLIENT, List.of("node", "dist/smoke/smoke.js", "http://127.0.0.1:" + port), 120);

        assertThat(smoke.exit()).as(smoke.output()).isZero();
        assertThat(smoke.output())
                .contains("ok - a stale If-Match is a 412 revision_mismatch", "ok - an unknown id is a 404 not_found");
    }

    static void compile() throws Exception {
        Node.Result tsc = Node.run(CLIENT, List.of("npx", "--no-install", "tsc"), 180);
        assertThat(tsc.exit()).as("tsc in clients/typescript: " + tsc.output()).isZero();
    }

    /** The JSON pointers (the first ten) where two documents differ: a readable failure for a 14,000-line file. */
    private static List<String> differences(String at, JsonNode committed, JsonNode served, List<String> found) {
        if (found.size() >= 10 || committed.equals(served)) {
            return found;
        }
        if (committed.isObject() && served.isObject()) {
            Set<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(
                        at + "/" + name.replace("~", "~0").replace("/", "~1"),
                        committed.path(name),
                        served.path(name),
                        found);
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            for (int index = 0; index < committed.size(); index++) {
                differences(at + "/" + index, committed.get(index), served.get(index), found);
            }
        } else {
            found.add(at.isEmpty() ? "/" : at);
        }
        return found;
    }

    /** The document as the committed copy keeps it: two-space JSON, one field a line, for readable diffs. */
    private static String readable(JsonNode document) throws Exception {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        return new ObjectMapper().writer(printer).writeValueAsString(document) + "\n";
    }
}
