package io.voicepartner.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The all-in-one started in the test's JVM on a database, a broker and a file directory of the test's own, for
 * tests that stop it and start it again (a restart, a restore, another mode); the others share {@link TestPlatform}.
 */
final class InProcessPlatform {

    private InProcessPlatform() {}

    /** @param settings more command-line settings, e.g. {@code --voicepartner.outbound.allow-list=127.0.0.2/32} */
    static ConfigurableApplicationContext start(
            TestInfrastructure.Database database, LocalKafka kafka, Path files, String... settings) {
        return start(List.of(), database, kafka.bootstrapServers(), files, settings);
    }

    /**
     * @param beans            configuration of the test's own beside the platform's, e.g. a bean post-processor it
     *                         drives
     * @param bootstrapServers the broker's, which need not listen yet
     */
    static ConfigurableApplicationContext start(
            List<Class<?>> beans,
            TestInfrastructure.Database database,
            String bootstrapServers,
            Path files,
            String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--voicepartner.files.storage-dir=" + files));
        TestPlatform.CONNECTIONS_AS_NEEDED.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(List.of(settings));
        List<Class<?>> sources = new ArrayList<>(List.of(PlatformApplication.class));
        sources.addAll(beans);
        return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(arguments.toArray(String[]::new));
    }

    /** Closes the platform, then the broker it was talking to ({@code null}: none was started). */
    static void stop(ConfigurableApplicationContext platform, LocalKafka kafka) {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            if (kafka != null) {
                kafka.stop();
            }
        }
    }

    /** A client of the platform's HTTP port. */
    static Api api(ConfigurableApplicationContext platform) {
        return new Api("http://127.0.0.1:" + port(platform));
    }

    /** The HTTP port the platform listens on. */
    static int port(ConfigurableApplicationContext platform) {
        return Integer.parseInt(platform.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
