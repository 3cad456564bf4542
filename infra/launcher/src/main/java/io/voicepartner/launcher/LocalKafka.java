package io.voicepartner.launcher;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * A real single-node Kafka broker in KRaft mode inside this JVM, for running the platform (and its
 * tests) on a machine that has no broker. Its log lives in a temporary directory: the event store is the
 * source of truth, and the read models and the publisher's position are in PostgreSQL.
 */
public final class LocalKafka {

    private final EmbeddedKafkaBroker broker;

    private LocalKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** @param port the broker's port, or 0 for any free one */
    public static LocalKafka start(int port) {
        // the KRaft test kit takes its broker port from the listener list, not from kafkaPorts()
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 6)
                .brokerProperties(Map.of(
                        "listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0",
                        "auto.create.topics.enable", "true",
                        "group.initial.rebalance.delay.ms", "0",
                        "offsets.topic.num.partitions", "5",
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        return new LocalKafka(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    public void stop() {
        broker.destroy();
    }
}
