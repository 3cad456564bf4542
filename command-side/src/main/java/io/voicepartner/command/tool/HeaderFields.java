package io.voicepartner.command.tool;

import io.voicepartner.support.security.SecretBox;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The headers a tool sends: at most {@value #MAX_HEADERS}, each named by an RFC 7230 token (names are
 * case-insensitive, so two spellings of one name are one header twice), each a string, or {@code null}
 * to remove it in an update.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HeaderFields.Check.class)
@interface HeaderFields {

    int MAX_HEADERS = 50;

    String message() default "must be an object of HTTP headers";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<HeaderFields, Map<String, Object>> {

        private static final int MAX_VALUE_LENGTH = 8192;

        @Override
        public boolean isValid(Map<String, Object> headers, ConstraintValidatorContext context) {
            if (headers == null) {
                return true;
            }
            List<String> problems = new ArrayList<>();
            if (headers.size() > MAX_HEADERS) {
                problems.add("must have at most " + MAX_HEADERS + " headers");
            }
            Map<String, String> spellings = new HashMap<>();
            headers.forEach((name, value) -> {
                if (!HeaderNames.isValid(name)) {
                    problems.add(quoted(name) + " is not an HTTP header name (an RFC 7230 token)");
                } else {
                    String earlier = spellings.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                    if (earlier != null) {
                        problems.add(quoted(earlier) + " and " + quoted(name) + " name the same header");
                    }
                }
                valueProblem(name, value).ifPresent(problems::add);
            });
            problems.forEach(problem -> Violations.report(context, problem));
            return problems.isEmpty();
        }

        private static Optional<String> valueProblem(String name, Object value) {
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String text)) {
                return Optional.of("the value of " + quoted(name) + " must be a string, or null to remove it");
            }
            if (text.length() > MAX_VALUE_LENGTH) {
                return Optional.of(
                        "the value of " + quoted(name) + " must be at most " + MAX_VALUE_LENGTH + " characters");
            }
            if (text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                // a line break would let the value smuggle further headers into the platform's calls
                return Optional.of("the value of " + quoted(name) + " must not contain line breaks");
            }
            if (HeaderNames.carriesSecret(name) && text.startsWith(SecretBox.MASK)) {
                return Optional.of("the value of " + quoted(name) + " is the mask the API shows, not a secret; "
                        + "send the secret itself, or leave the header out to keep it");
            }
            return Optional.empty();
        }

        /** A name as a message quotes it: a client may send anything, so it is cut short. */
        static String quoted(String name) {
            return "'" + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'";
        }
    }
}
