package io.voicepartner.command.tool;

import io.voicepartner.api.tool.AuthenticationType;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a tool authenticates: {@code {"type": "none|bearer|basic|api_key", ...}} with exactly the fields its
 * type takes ({@link AuthenticationSchemes}), each a non-empty string. Every problem is reported on its
 * own field ({@code authentication.token}), so that a client hears of all of them at once.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AuthenticationFields.Check.class)
@interface AuthenticationFields {

    String message() default "must be an authentication object";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<AuthenticationFields, Map<String, Object>> {

        private static final int MAX_LENGTH = 4096;

        private record Problem(String field, String message) {}

        @Override
        public boolean isValid(Map<String, Object> authentication, ConstraintValidatorContext context) {
            if (authentication == null) {
                return true;
            }
            List<Problem> problems = new ArrayList<>();
            Optional<AuthenticationType> type = typeOf(authentication.get(AuthenticationSchemes.TYPE), problems);
            type.ifPresent(known -> fieldProblems(known, authentication, problems));
            problems.forEach(problem -> Violations.report(context, problem.field(), problem.message()));
            return problems.isEmpty();
        }

        private static Optional<AuthenticationType> typeOf(Object type, List<Problem> problems) {
            if (type == null) {
                problems.add(new Problem(AuthenticationSchemes.TYPE, "is required"));
                return Optional.empty();
            }
            try {
                return Optional.of(AuthenticationType.fromWireName(type instanceof String name ? name : ""));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(AuthenticationSchemes.TYPE, e.getMessage()));
                return Optional.empty();
            }
        }

        private static void fieldProblems(
                AuthenticationType type, Map<String, Object> authentication, List<Problem> problems) {
            authentication.forEach((field, value) -> {
                if (field.equals(AuthenticationSchemes.TYPE)) {
                    return;
                }
                if (!AuthenticationSchemes.takes(type, field)) {
                    problems.add(new Problem(field, "is not a field of " + type.wireName() + " authentication"));
                } else if (value != null) {
                    valueProblem(field, value).ifPresent(message -> problems.add(new Problem(field, message)));
                }
            });
            AuthenticationSchemes.required(type).stream()
                    .filter(field -> authentication.get(field) == null)
                    .forEach(field ->
                            problems.add(new Problem(field, "is required for " + type.wireName() + " authentication")));
        }

        private static Optional<String> valueProblem(String field, Object value) {
            if (!(value instanceof String text) || text.isBlank()) {
                return Optional.of("must be a non-empty string");
            }
            if (text.length() > MAX_LENGTH) {
                return Optional.of("must be at most " + MAX_LENGTH + " characters");
            }
            if (AuthenticationSchemes.isSecret(field) && text.startsWith(SecretBox.MASK)) {
                return Optional.of("is the mask the API shows, not a secret; send the secret itself");
            }
            if (field.equals("username") && text.contains(":")) {
                return Optional.of("must not contain ':' (RFC 7617)");
            }
            if (field.equals(AuthenticationSchemes.HEADER_NAME) && !HeaderNames.isValid(text)) {
                return Optional.of("must be an HTTP header name (an RFC 7230 token)");
            }
            if (text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                // the value goes into a header of the platform's calls, where a line break would start another
                return Optional.of("must not contain line breaks");
            }
            return Optional.empty();
        }
    }
}
