package io.voicepartner.support.logging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT=json} turns the console log into one JSON object per line (Spring Boot's structured
 * logging, in the Elastic Common Schema), with the logging context, and with it the {@code request_id}
 * of the request being served, as fields: what a log collector wants from a container. Unset or
 * {@code text} keeps the plain lines that suit {@code ./run} in a terminal. {@code ecs}, {@code logstash}
 * and {@code gelf} name a format outright.
 *
 * <p>An environment post-processor, because the logging system is set up from the environment before any
 * property file that a side imports is read. An explicit {@code logging.structured.format.console} wins.
 */
public class LogFormatEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY = "logging.structured.format.console";
    private static final List<String> STRUCTURED = List.of("ecs", "logstash", "gelf");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("LOG_FORMAT", "").trim().toLowerCase(Locale.ROOT);
        if (format.isEmpty() || format.equals("text")) {
            return;
        }
        if (!format.equals("json") && !STRUCTURED.contains(format)) {
            throw new IllegalStateException(
                    "LOG_FORMAT must be text or json (or one of " + STRUCTURED + "), not '" + format + "'");
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("LOG_FORMAT", Map.of(PROPERTY, format.equals("json") ? "ecs" : format)));
    }
}
