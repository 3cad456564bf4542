package io.voicepartner.command;

import io.voicepartner.support.ServiceSupportConfiguration;
import io.voicepartner.support.security.SecretBox;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** The command side on its own (the split deployment); {@code ./run} starts it together with the query side. */
@SpringBootApplication
@Import({ServiceSupportConfiguration.class, SecretBox.class})
@PropertySource("classpath:command-side.properties")
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CommandSideApplication.class);
        application.setDefaultProperties(Map.of("server.port", "${PORT:8081}"));
        application.run(args);
    }
}
