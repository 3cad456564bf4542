package io.voicepartner.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.env.MockEnvironment;

/**
 * A logged exception's stack trace keeps its types, wording and frames, and loses every value its messages quoted:
 * the message of the exception, of its causes, across lines, in the plain-text log and in the JSON one.
 */
class ScrubbedStackTracesTest {

    private static final String CANARY = "canary-3f1c2e@example.com";

    @Test
    void thePlainTextLogsStackTraceHoldsNoValue() {
        MockEnvironment environment = new MockEnvironment();
        new ScrubbedStackTraceEnvironment().postProcessEnvironment(environment, new SpringApplication());
        PatternLayout layout = new PatternLayout();
        LoggerContext context = new LoggerContext();
        layout.setContext(context);
        layout.setPattern("%m%n" + environment.getProperty(ScrubbedStackTraceEnvironment.CONVERSION_WORD));
        layout.start();

        String line = layout.doLayout(new LoggingEvent(
                getClass().getName(), context.getLogger("test"), Level.ERROR, "the listener failed", failure(), null));

        assertThat(line)
                .contains(
                        "the listener failed",
                        "IllegalStateException: could not apply the record at revision 4",
                        "Caused by: org.springframework.dao.DataIntegrityViolationException",
                        "violates check constraint \"…\"",
                        "Failing row contains (…)",
                        "at io.voicepartner.support.logging.ScrubbedStackTracesTest.failure(ScrubbedStackTracesTest.java")
                .doesNotContain(CANARY, "canary-3f1c2e", "Lovelace");
    }

    @Test
    void theJsonLogsStackTraceHoldsNoValue() {
        String trace = new ScrubbedStackTracePrinter().printStackTraceToString(failure());

        assertThat(trace)
                .contains("Failing row contains (…)", "at io.voicepartner.support.logging.ScrubbedStackTracesTest")
                .doesNotContain(CANARY, "canary-3f1c2e", "Lovelace");
    }

    @Test
    void framesAndWhatHoldsNoValueStayAsTheyAre() {
        String trace = """
                java.lang.IllegalStateException: gap at revision 3 of 0192
                \tat io.voicepartner.query.Projector.apply(Projector.java:42) ~[classes/:na]
                \tat java.base/java.lang.Thread.run(Thread.java:1583) [na:na]
                \t... 12 common frames omitted
                """;

        assertThat(ScrubbedStackTraces.scrub(trace)).isEqualTo(trace);
        assertThat(ScrubbedStackTraces.scrub("")).isEmpty();
    }

    private static Exception failure() {
        DataIntegrityViolationException cause = new DataIntegrityViolationException(
                "ERROR: new row for relation \"assistants\" violates check constraint \"refuse\"\n  Detail: Failing "
                        + "row contains (0192, org, Ada Lovelace, " + CANARY + ", 3).");
        return new IllegalStateException("could not apply the record at revision 4 for '" + CANARY + "'", cause);
    }
}
