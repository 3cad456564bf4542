package io.voicepartner.bench.axon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker in this JVM, set up as the all-in-one's {@code LocalKafka} is (same settings), kept
 * apart from it so that the yardstick depends on nothing of the platform's.
 */
final class LocalBroker {

    private static final String HOST = "127.0.0.1";

    private final int port;

    private LocalBroker(int port) {
        this.port = port;
    }

    static LocalBroker start(int port) {
        try {
            Path directory = Files.createTempDirectory("stock-axon-kafka-");
            directory.toFile().deleteOnExit();
            int controllerPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                controllerPort = socket.getLocalPort();
            }
            Properties settings = new Properties();
            settings.put("process.roles", "broker,controller");
            settings.put("node.id", "1");
            settings.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
            settings.put(
                    "listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
            settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
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
            Path file = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                settings.store(out, "the stock Axon application's broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int status = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException("formatting the broker's log failed: " + output);
            }
            new KafkaRaftServer(KafkaConfig.fromProps(settings, false), Time.SYSTEM).startup();
            return new LocalBroker(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }
}
