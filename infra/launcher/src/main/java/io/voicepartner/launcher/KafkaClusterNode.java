package io.voicepartner.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * One node of the local three-broker KRaft cluster that {@code infra/scripts/cluster} starts, each in a process of
 * its own so that one can be killed while the other two go on: Kafka's own server, as {@link LocalKafka} runs it for
 * {@code ./run}, with every node both broker and controller, and replication as a production cluster has it. Every
 * topic the platform creates gets three replicas ({@code KAFKA_REPLICATION_FACTOR=3} on the sides, and the broker's
 * default for the rest), and a write needs two of them ({@code min.insync.replicas=2}, with the producers'
 * {@code acks=all}): one broker may be lost without losing an acknowledged record or refusing a send.
 *
 * <pre>
 *   KafkaClusterNode &lt;node id, 1…n&gt; &lt;log directory&gt; &lt;cluster id&gt; &lt;broker ports, comma-separated&gt;
 *       &lt;controller ports, comma-separated&gt;
 * </pre>
 *
 * The log directory is formatted on the first start only; a node started again (after a crash) keeps its log and
 * catches up from the others.
 */
public final class KafkaClusterNode {

    private static final String HOST = "127.0.0.1";

    private KafkaClusterNode() {}

    public static void main(String[] arguments) {
        if (arguments.length != 5) {
            System.err.println("usage: KafkaClusterNode <node id> <log directory> <cluster id> <broker ports>"
                    + " <controller ports>");
            System.exit(2);
        }
        int nodeId = Integer.parseInt(arguments[0]);
        Path directory = Path.of(arguments[1]).toAbsolutePath();
        String clusterId = arguments[2];
        List<Integer> brokerPorts = ports(arguments[3]);
        List<Integer> controllerPorts = ports(arguments[4]);
        if (brokerPorts.size() != controllerPorts.size() || nodeId < 1 || nodeId > brokerPorts.size()) {
            throw new IllegalArgumentException("node " + nodeId + " of " + brokerPorts.size() + " broker ports and "
                    + controllerPorts.size() + " controller ports");
        }
        List<String> voters = new ArrayList<>();
        for (int node = 1; node <= controllerPorts.size(); node++) {
            voters.add(node + "@" + HOST + ":" + controllerPorts.get(node - 1));
        }
        Properties settings = LocalKafka.settings(
                directory,
                nodeId,
                String.join(",", voters),
                brokerPorts.get(nodeId - 1),
                controllerPorts.get(nodeId - 1));
        int replicas = Math.min(3, brokerPorts.size());
        String inSync = Integer.toString(Math.max(1, replicas - 1));
        // what the platform's topics do not set themselves: the auto-created ones, the consumer groups' offsets and
        // the producers' transaction state are replicated as the event topics are
        settings.put("default.replication.factor", Integer.toString(replicas));
        settings.put("min.insync.replicas", inSync);
        settings.put("offsets.topic.replication.factor", Integer.toString(replicas));
        settings.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        settings.put("transaction.state.log.min.isr", inSync);
        // a replica that was away never becomes leader before it has caught up: no acknowledged record is dropped
        settings.put("unclean.leader.election.enable", "false");
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                settings.store(out, "node " + nodeId + " of the local Kafka cluster (infra/scripts/cluster)");
            }
            if (!Files.exists(directory.resolve("log").resolve("meta.properties"))) {
                LocalKafka.format(file, clusterId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(settings, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-shutdown"));
        server.startup();
        server.awaitShutdown();
    }

    private static List<Integer> ports(String commaSeparated) {
        List<Integer> ports = new ArrayList<>();
        for (String port : commaSeparated.split(",")) {
            ports.add(Integer.parseInt(port.trim()));
        }
        return ports;
    }
}
