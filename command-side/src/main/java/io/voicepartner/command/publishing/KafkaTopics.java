package io.voicepartner.command.publishing;

import io.voicepartner.api.messaging.AggregateType;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.Arrays;

/** One topic per aggregate type, created when the publisher first reaches the broker. */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

    @Bean
    KafkaAdmin.NewTopics platformTopics(@Value("${voicepartner.kafka.partitions}") int partitions,
                                        @Value("${voicepartner.kafka.replication-factor}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(Arrays.stream(AggregateType.values())
                .map(type -> TopicBuilder.name(type.topic()).partitions(partitions).replicas(replicationFactor).build())
                .toArray(NewTopic[]::new));
    }
}
