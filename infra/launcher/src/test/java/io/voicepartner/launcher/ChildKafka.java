package io.voicepartner.launcher;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker in a child JVM (the Kafka server classes on this test's class path), so
 * that a test can kill it with SIGKILL and start it again on the same ports and log directory, as a
 * crashed broker host would come back. It may advertise another port than it listens on, for a proxy in
 * front of it.
 */
final class ChildKafka implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final int advertisedPort;
    private Process process;

    private ChildKafka(Path directory, int port, int advertisedPort) {
        this.directory = directory;
        this.port = port;
        this.advertisedPort = advertisedPort;
    }

    /** @param advertisedPort the port clients are told to use (a proxy's), or 0 for the broker's own */
    static ChildKafka format(int advertisedPort) {
        try {
            Path directory = Files.createTempDirectory("voicepartner-child-kafka-");
            int port = freePort();
            ChildKafka kafka = new ChildKafka(directory, port, advertisedPort == 0 ? port : advertisedPort);
            int controllerPort = freePort();
            Files.writeString(
                    directory.resolve("server.properties"),
                    String.join(
                            "\n",
                            "process.roles=broker,controller",
                            "node.id=1",
                            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                            "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafka.advertisedPort,
                            "controller.listener.names=CONTROLLER",
                            "inter.broker.listener.name=PLAINTEXT",
                            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                            "log.dirs=" + directory.resolve("log"),
                            "num.partitions=6",
                            "auto.create.topics.enable=true",
                            "offsets.topic.replication.factor=1",
                            "offsets.topic.num.partitions=5",
                            "transaction.state.log.replication.factor=1",
                            "transaction.state.log.min.isr=1",
                            "group.initial.rebalance.delay.ms=0",
                            ""));
            Files.writeString(directory.resolve("logback.xml"), """
                    <configuration>
                      <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                        <file>%s</file>
                        <encoder><pattern>%%d %%-5level %%logger{36} %%msg%%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="FILE"/></root>
                    </configuration>
                    """.formatted(directory.resolve("broker.log")));
            Process format = kafka.java(
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            directory.resolve("server.properties").toString())
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException(
                        "kafka-storage format failed: " + Files.readString(directory.resolve("format.out")));
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the broker and waits (bounded) until it answers on its listener. */
    void start() {
        try {
            process = java("kafka.Kafka", directory.resolve("server.properties").toString())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> !admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty());
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no controlled leadership hand-over. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where clients connect: the advertised address. */
    String bootstrapServers() {
        return "127.0.0.1:" + advertisedPort;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        if (process != null) {
            kill();
        }
    }

    private ProcessBuilder java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(arguments));
        File output = directory
                .resolve(mainClass.endsWith("StorageTool") ? "format.out" : "process.out")
                .toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
