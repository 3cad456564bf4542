package io.voicepartner.support.logging;

import io.voicepartner.support.parking.ScrubbedCause;
import java.util.regex.Pattern;

/**
 * A stack trace as the logs may hold it (ADR 0046): every line but the frames goes through {@link ScrubbedCause#scrub},
 * so that an exception's message, and each cause's and suppressed one's, keeps its wording and loses every value it
 * quoted (PostgreSQL's {@code Failing row contains (…)}, a key's value, a quoted string, an address, a sealed value).
 * The frames hold class, method and file names only, and stay as they are: they are what an operator reads a trace
 * for. A log is kept for as long as its collector keeps it, and erasing a person never reaches it.
 */
public final class ScrubbedStackTraces {

    /** {@code at a.b.C.m(C.java:12)}, {@code ... 12 more}, {@code ... 3 common frames omitted}: no value in them. */
    private static final Pattern FRAME = Pattern.compile(
            "\\s*(at [\\w$.<>/\\-]+\\([^)]*\\)( ~?\\[.*\\])?|\\.\\.\\. \\d+ (more|common frames omitted))\\s*");

    private ScrubbedStackTraces() {}

    /**
     * @return the trace with each run of lines between frames (a message, which may span lines, and the {@code Caused
     *     by:} line that starts the next) scrubbed as one, the frames as they are
     */
    public static String scrub(String trace) {
        StringBuilder scrubbed = new StringBuilder(trace.length());
        StringBuilder message = new StringBuilder();
        for (String line : trace.split("\n", -1)) {
            if (FRAME.matcher(line).matches()) {
                scrubbed.append(ScrubbedCause.scrub(message.toString()))
                        .append(line)
                        .append('\n');
                message.setLength(0);
            } else {
                message.append(line).append('\n');
            }
        }
        scrubbed.append(ScrubbedCause.scrub(message.toString()));
        // split keeps what follows the last line break as a last line; the loop gave every line one
        scrubbed.setLength(scrubbed.length() - 1);
        return scrubbed.toString();
    }
}
