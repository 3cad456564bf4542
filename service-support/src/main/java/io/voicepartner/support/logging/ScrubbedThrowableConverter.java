package io.voicepartner.support.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} of the plain-text log, the stack trace of a logged exception, scrubbed of values
 * ({@link ScrubbedStackTraces}). Registered as {@code %scrubbedEx} and made the exception conversion word of every side
 * by {@link LogFormatEnvironment}.
 */
public class ScrubbedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    static final String WORD = "scrubbedEx";

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return ScrubbedStackTraces.scrub(super.throwableProxyToString(throwable));
    }
}
