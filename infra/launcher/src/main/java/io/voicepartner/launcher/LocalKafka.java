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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

    private final CompletableFuture<KafkaRaftServer> server;
    private final Path directory;
    private final int port;

    private LocalKafka(CompletableFuture<KafkaRaftServer> server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
    }

    /** @param port the broker's port, or 0 for any free one */
    public static LocalKafka start(int port) {
        LocalKafka kafka = startInBackground(port);
        kafka.awaitStarted();
        return kafka;
    }

    /**
     * Starts the broker on a thread of its own and returns at once, its address already known: the all-in-one
     * builds its application context meanwhile (the two take about as long), and {@link #awaitStarted} before
     * anything talks to Kafka.
     *
     * @param port the broker's port, or 0 for any free one
     */
    public static LocalKafka startInBackground(int port) {
        try {
            Path directory = Files.createTempDirectory("voicepartner-kafka-");
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePortOtherThan(brokerPort);
            Properties settings =
                    settings(directory, 1, "1@" + HOST + ":" + controllerPort, brokerPort, controllerPort);
            Path file = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                settings.store(out, "the all-in-one's local broker");
            }
            CompletableFuture<KafkaRaftServer> server = new CompletableFuture<>();
            Thread starting = new Thread(
                    () -> {
                        try {
                            format(file, Uuid.randomUuid().toString());
                            KafkaRaftServer started =
                                    new KafkaRaftServer(KafkaConfig.fromProps(settings, false), Time.SYSTEM);
                            started.startup();
                            server.complete(started);
                        } catch (RuntimeException | Error e) {
                            server.completeExceptionally(e);
                        }
                    },
                    "local-kafka-start");
            starting.start();
            return new LocalKafka(server, directory, brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once the broker has started; throws what stopped it from starting. */
    public void awaitStarted() {
        try {
            server.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the local Kafka broker started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the local Kafka broker did not start", e.getCause());
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
        // Sized for one node on a small machine rather than Kafka's defaults for a dedicated server: the log
        // cleaner's dedupe buffer (compaction of __consumer_offsets, the only compacted topic) is allocated on
        // the heap at start, 128 MiB by default, over half the platform's live heap when idle. It holds 24 bytes
        // a distinct key, and __consumer_offsets has one key per consumer group and partition, a few hundred
        // here: 2 MiB hold some 80,000, and a log with more compacts in more passes. Threads: 3 network and 8
        // I/O request handlers and 10 background threads are for many clients on many cores; the platform is a
        // handful of clients on two.
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        settings.put("background.threads", "4");
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

    /**
     * A free port that is not {@code taken}: the broker's port was free when it was picked, and closed again, so the
     * system may hand it out a second time (CI saw both listeners on one port, which the broker refuses).
     */
    private static int freePortOtherThan(int taken) throws IOException {
        int port = freePort();
        while (port == taken) {
            port = freePort();
        }
        return port;
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public void stop() {
        // a broker still starting is waited for, so that none of its threads outlives the platform
        KafkaRaftServer started = server.exceptionally(failed -> null).join();
        if (started != null) {
            started.shutdown();
            started.awaitShutdown();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
