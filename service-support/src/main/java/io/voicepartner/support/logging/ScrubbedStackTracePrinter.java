package io.voicepartner.support.logging;

import java.io.IOException;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.StandardStackTracePrinter;

/**
 * The stack trace of a logged exception in the JSON log ({@code LOG_FORMAT=json}), scrubbed of values ({@link
 * ScrubbedStackTraces}): Spring Boot's structured formats print it with this ({@code
 * logging.structured.json.stacktrace.printer}, set by {@link LogFormatEnvironment}).
 */
public class ScrubbedStackTracePrinter implements StackTracePrinter {

    private final StackTracePrinter standard = StandardStackTracePrinter.rootLast();

    @Override
    public void printStackTrace(Throwable throwable, Appendable out) throws IOException {
        out.append(ScrubbedStackTraces.scrub(standard.printStackTraceToString(throwable)));
    }
}
