package io.voicepartner.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode inside this JVM, for running the platform (and its
 * tests) on a machine that has no broker. It is Kafka's own server ({@code kafka_2.13}), formatted and
 * started as {@code kafka-storage.sh format} and {@code kafka-server-start.sh} would, not a test kit: the
 * all-in-one ships no test library. Its log lives in a temporary directory: the event store is the source
 * of truth, and the read models and the publisher's position are in PostgreSQL.
 */
public final class LocalKafka {

    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final Path directory;
    private final int port;

    private LocalKafka(KafkaRaftServer server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
    }

    /** @param port the broker's port, or 0 for any free one */
    public static LocalKafka start(int port) {
        try {
            Path directory = Files.createTempDirectory("voicepartner-kafka-");
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties settings =
                    settings(directory, 1, "1@" + HOST + ":" + controllerPort, brokerPort, controllerPort);
            Path file = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                settings.store(out, "the all-in-one's local broker");
            }
            format(file, Uuid.randomUuid().toString());
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(settings, false), Time.SYSTEM);
            server.startup();
            return new LocalKafka(server, directory, brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One node, broker and controller at once, of the quorum {@code voters} ({@code id@host:port,…}), its log under
     * {@code directory}: with one voter the all-in-one's broker, with three a node of {@link KafkaClusterNode}'s
     * cluster, which raises the replication settings.
     */
    static Properties settings(Path directory, int nodeId, String voters, int brokerPort, int controllerPort) {
        Properties settings = new Properties();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(nodeId));
        settings.put("controller.quorum.voters", voters);
        settings.put(
                "listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", directory.resolve("log").toString());
        settings.put("num.partitions", "6");
        settings.put("auto.create.topics.enable", "true");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        return settings;
    }

    /** {@code kafka-storage.sh format}: a KRaft node refuses to start on an unformatted log directory. */
    static void format(Path settings, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", settings.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException(
                    "formatting the local Kafka's log directory failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public void stop() {
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
