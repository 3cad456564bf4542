package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the build ships: the all-in-one and each side's runnable jar (which the images are made of) carry no
 * test library. The all-in-one's local broker is Kafka's own server, not a test kit; it once brought
 * JUnit, Kafka's test jars and Kafka Streams with RocksDB into the production jar (210 MB).
 */
class ShippedJarsIT {

    private static final Pattern TEST_LIBRARY = Pattern.compile(
            "BOOT-INF/lib/(junit-|opentest4j|apiguardian|assertj|hamcrest|mockito|byte-buddy-agent|awaitility|"
                    + "testcontainers|jqwik|archunit|spring-test|spring-boot-test|spring-kafka-test|axon-test|"
                    + "kafka-streams|rocksdbjni|jsonassert|json-path-assert|xmlunit|.*-tests?\\.jar)");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "target/voicepartner-platform.jar",
                "../../command-side/target/command-side-0.1.0-SNAPSHOT-exec.jar",
                "../../query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar",
                "../../analytics/target/analytics-0.1.0-SNAPSHOT-exec.jar"
            })
    void carriesNoTestLibrary(String jar) throws IOException {
        assertThat(Path.of(jar))
                .as("built by the reactor before the integration tests")
                .exists();

        assertThat(libraries(Path.of(jar)))
                .as("libraries of %s", jar)
                .isNotEmpty()
                .noneMatch(library -> TEST_LIBRARY.matcher(library).lookingAt());
    }

    private static List<String> libraries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile());
                Stream<String> names = file.stream().map(entry -> entry.getName())) {
            return names.filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
        }
    }
}
