package io.voicepartner.analytics;

import io.voicepartner.support.ServiceSupportConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The analytics consumer on its own (deployable like the query side); {@code ./run} starts it together with
 * both sides. It depends on the published language ({@code shared-api}) only, as any outside consumer would.
 */
@SpringBootApplication
@Import(ServiceSupportConfiguration.class)
@PropertySource("classpath:analytics.properties")
public class AnalyticsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AnalyticsApplication.class);
        application.setDefaultProperties(Map.of("server.port", "${PORT:8083}"));
        application.run(args);
    }
}
