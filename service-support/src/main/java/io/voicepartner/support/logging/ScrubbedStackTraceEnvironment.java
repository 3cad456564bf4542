package io.voicepartner.support.logging;

import ch.qos.logback.classic.PatternLayout;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every side logs the stack traces of the exceptions it logs (a {@code 500}'s, a Kafka listener's retries and parked
 * records, a processor's errors) scrubbed of values (ADR 0046): in the plain-text log with {@code %scrubbedEx} as the
 * exception conversion word ({@link ScrubbedThrowableConverter}), in the JSON log with {@link
 * ScrubbedStackTracePrinter}. An environment post-processor, as {@link LogFormatEnvironment}: the logging system is set
 * up before any property file a side imports is read. Set as defaults: an explicit {@code
 * logging.exception-conversion-word} or {@code logging.structured.json.stacktrace.printer} wins.
 */
public class ScrubbedStackTraceEnvironment implements EnvironmentPostProcessor {

    static final String CONVERSION_WORD = "logging.exception-conversion-word";
    static final String PRINTER = "logging.structured.json.stacktrace.printer";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Logback finds a conversion word in this map from every pattern layout, Spring Boot's own included
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.putIfAbsent(
                ScrubbedThrowableConverter.WORD, ScrubbedThrowableConverter::new);
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "scrubbed-stack-traces",
                        Map.of(
                                CONVERSION_WORD,
                                "%" + ScrubbedThrowableConverter.WORD,
                                PRINTER,
                                ScrubbedStackTracePrinter.class.getName())));
    }
}
