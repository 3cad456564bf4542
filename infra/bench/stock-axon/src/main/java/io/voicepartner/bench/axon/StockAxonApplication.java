package io.voicepartner.bench.axon;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * A stock Axon 4.13 application, the yardstick of {@code infra/bench/run --round-two}: everything as Axon's Spring
 * Boot starter configures it, with the JDBC event store on PostgreSQL and Jackson. It starts a Kafka broker in its
 * own JVM, as the all-in-one platform does, so that the broker's work counts on both sides of the comparison.
 */
@SpringBootApplication
public class StockAxonApplication {

    public static void main(String[] args) {
        LocalBroker broker = LocalBroker.start(Integer.parseInt(System.getenv().getOrDefault("KAFKA_PORT", "29092")));
        SpringApplication application = new SpringApplication(StockAxonApplication.class);
        application.setDefaultProperties(Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers()));
        application.run(args);
    }

    /**
     * Created at start-up, as the platform creates its topics, with its partitions: a topic the broker creates on
     * the first send made those sends time out on a busy machine (leaders still being elected).
     */
    @Bean
    NewTopic items() {
        return TopicBuilder.name(KafkaPublisher.TOPIC).partitions(6).replicas(1).build();
    }
}
