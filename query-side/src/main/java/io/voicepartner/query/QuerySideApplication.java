package io.voicepartner.query;

import io.voicepartner.support.ServiceSupportConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** The query side on its own (the split deployment); {@code ./run} starts it together with the command side. */
@SpringBootApplication
@Import(ServiceSupportConfiguration.class)
@PropertySource("classpath:query-side.properties")
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setDefaultProperties(Map.of("server.port", "${PORT:8082}"));
        application.run(args);
    }
}
