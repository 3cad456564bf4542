package io.voicepartner.support.parking;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cause of a parked event or record as it may be stored, listed, logged and put in a dead letter's headers (ADR
 * 0043): the exception's type and its message with every value taken out. A message can quote what failed, and what
 * failed can be a person's e-mail address or name (PostgreSQL's {@code Key (email)=(…)} and {@code Failing row contains
 * (…)}, Jackson's {@code Unrecognized token '…'}); a cause is kept until an operator replays it and copied to places
 * erasing a person never reaches, so it never holds a value at all, sealed or in clear. What is left (the type, the
 * constraint's wording, positions, sizes, revisions, ids outside quotes) is what an operator needs to tell what broke.
 */
public final class ScrubbedCause {

    private static final int LIMIT = 1000;
    private static final String TAKEN_OUT = "…";

    /** Each kind of value in a message, replaced in this order; each replacement is a fixpoint of all of them. */
    private static final List<Replacement> VALUES = List.of(
            // Jackson's location may quote the source document
            new Replacement(
                    Pattern.compile("\\[Source: .*?; line", Pattern.DOTALL), "[Source: " + TAKEN_OUT + "; line"),
            // PostgreSQL's details: a whole row, and a key's values, unquoted
            new Replacement(
                    Pattern.compile("Failing row contains \\(.*\\)"), "Failing row contains (" + TAKEN_OUT + ")"),
            new Replacement(Pattern.compile("=\\(.*\\)"), "=(" + TAKEN_OUT + ")"),
            new Replacement(Pattern.compile("'[^']*'"), "'" + TAKEN_OUT + "'"),
            new Replacement(Pattern.compile("\"[^\"]*\""), "\"" + TAKEN_OUT + "\""),
            new Replacement(Pattern.compile("“[^”]*”"), "“" + TAKEN_OUT + "”"),
            new Replacement(Pattern.compile("pd1:[^\\s'\"(),;\\]]+"), "pd1:" + TAKEN_OUT),
            new Replacement(
                    Pattern.compile("[^\\s@'\"()\\[\\]<>,;:=]+@[^\\s@'\"()\\[\\]<>,;:=]+"),
                    TAKEN_OUT + "@" + TAKEN_OUT));

    private record Replacement(Pattern pattern, String with) {}

    private ScrubbedCause() {}

    /** {@code <simple class name>: <message without values>}, at most {@value #LIMIT} characters of message. */
    public static String of(Throwable failure) {
        String message = failure.getMessage() == null ? "" : ": " + scrub(failure.getMessage());
        return failure.getClass().getSimpleName()
                + (message.length() > LIMIT ? message.substring(0, LIMIT) + TAKEN_OUT : message);
    }

    /** The message with every value taken out; a message scrubbed already stays as it is. */
    public static String scrub(String message) {
        String scrubbed = message;
        for (Replacement value : VALUES) {
            scrubbed = value.pattern().matcher(scrubbed).replaceAll(Matcher.quoteReplacement(value.with()));
        }
        return scrubbed;
    }
}
