package io.voicepartner.bench.axon;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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
}
