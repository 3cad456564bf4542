package io.voicepartner.launcher;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Holds the application context back at its first Kafka bean until the in-JVM broker, started on a thread of its
 * own, is up: everything before (the database, Flyway, Axon, the web layer) is built while the broker starts, and
 * nothing Kafka is built without it, so the topics are still created by the admin at start-up with their own
 * settings (never auto-created with the broker's defaults), and a broker that fails to start fails the start-up.
 */
final class AwaitLocalKafka implements BeanPostProcessor {

    private final LocalKafka kafka;

    AwaitLocalKafka(LocalKafka kafka) {
        this.kafka = kafka;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof KafkaAdmin
                || bean instanceof ProducerFactory<?, ?>
                || bean instanceof ConsumerFactory<?, ?>) {
            kafka.awaitStarted();
        }
        return bean;
    }
}
