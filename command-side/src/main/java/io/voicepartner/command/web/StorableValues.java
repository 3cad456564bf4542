package io.voicepartner.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the event contract ({@link EventLimits}) that any JSON value must meet, whatever field it is
 * sent in: at most {@link EventLimits#MAX_DEPTH} levels deep, no string or key PostgreSQL or UTF-8 cannot
 * hold, no number that does not fit a double or a long. Checked on what the client sent, before it is read
 * into a request, so that every problem is named where it is ({@code capabilities.voice.speed}).
 */
public final class StorableValues {

    private StorableValues() {}

    /** The first problem of a field's value, named by its path from the field. */
    static Optional<FieldError> problemOf(String field, JsonNode value) {
        return problemOf(field, value, 1);
    }

    /** What keeps a plain string (a form field, a header) out of an event, naming the field. */
    public static Optional<FieldError> problemOf(String field, String value) {
        String problem = value == null ? null : EventLimits.unstorable(value);
        return problem == null ? Optional.empty() : Optional.of(new FieldError(field, problem));
    }

    private static Optional<FieldError> problemOf(String path, JsonNode value, int depth) {
        if (value.isContainerNode() && depth > EventLimits.MAX_DEPTH) {
            return Optional.of(new FieldError(path, "nests deeper than " + EventLimits.MAX_DEPTH + " levels"));
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                String memberPath = path + "." + member.getKey();
                String keyProblem = EventLimits.unstorable(member.getKey());
                if (keyProblem != null) {
                    return Optional.of(new FieldError(path, "has a key that " + keyProblem));
                }
                Optional<FieldError> problem = problemOf(memberPath, member.getValue(), depth + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Optional<FieldError> problem = problemOf(path + "[" + i + "]", value.get(i), depth + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
        if (value.isTextual()) {
            return problemOf(path, value.textValue());
        }
        if (value.isNumber() && !fits(value)) {
            return Optional.of(new FieldError(path, "is a number out of range (a double or a 64-bit integer)"));
        }
        return Optional.empty();
    }

    /** A JSON number every consumer reads alike: a finite double, or an integer within a long. */
    private static boolean fits(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong();
        }
        if (number.isBigDecimal()) {
            double approximation = number.decimalValue().doubleValue();
            return Double.isFinite(approximation);
        }
        return Double.isFinite(number.doubleValue());
    }

    /** A name as it can be shown back: what cannot be stored or encoded is written as its escape. */
    static String printable(String name) {
        if (EventLimits.unstorable(name) == null) {
            return name;
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1));
            if (pair) {
                shown.append(c).append(name.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                shown.append(String.format("\\u%04X", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }
}
