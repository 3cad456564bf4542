package io.voicepartner.launcher;

import io.voicepartner.analytics.AnalyticsApplication;
import io.voicepartner.command.CommandSideApplication;
import io.voicepartner.query.QuerySideApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The whole platform in one JVM: the command side and the query side in one application context on one
 * port, talking through Kafka exactly as they do when deployed apart. Starts an in-JVM Kafka broker
 * (KRaft) unless {@code KAFKA_BOOTSTRAP_SERVERS} names one.
 */
@SpringBootApplication
@Import({CommandSideApplication.class, QuerySideApplication.class, AnalyticsApplication.class})
public class PlatformApplication {

    public static void main(String[] args) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("server.port", "${PORT:8080}");
        String bootstrapServers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        LocalKafka kafka = null;
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            kafka = LocalKafka.startInBackground(
                    Integer.parseInt(System.getenv().getOrDefault("LOCAL_KAFKA_PORT", "9092")));
            // as if KAFKA_BOOTSTRAP_SERVERS named it: the properties files read that variable, and their
            // fallback (localhost:9092) would win over a default given for spring.kafka.bootstrap-servers
            defaults.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        SpringApplication application = new SpringApplication(PlatformApplication.class);
        application.setDefaultProperties(defaults);
        if (kafka != null) {
            LocalKafka starting = kafka;
            application.addInitializers(
                    context -> context.getBeanFactory().addBeanPostProcessor(new AwaitLocalKafka(starting)));
        }
        // one hook, in order: the platform drains and stops first, then the broker it was talking to
        application.setRegisterShutdownHook(false);
        LocalKafka broker = kafka;
        try {
            ConfigurableApplicationContext context = application.run(args);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                context.close();
                                stop(broker);
                            },
                            "platform-shutdown"));
        } catch (RuntimeException e) {
            stop(broker);
            throw e;
        }
    }

    private static void stop(LocalKafka broker) {
        if (broker != null) {
            broker.stop();
        }
    }
}
