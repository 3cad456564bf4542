package io.voicepartner.command.webhook;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public event types an endpoint takes: names as the events API gives them ({@code assistant.updated},
 * {@code tool.deleted}), each once, or {@code ["*"]} alone for every type. {@code ping} is what a test sends to every
 * endpoint, never something to subscribe to.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WebhookEventTypes.Check.class)
@interface WebhookEventTypes {

    /** The most types one endpoint names: the catalogue has fewer; more is a mistake, and a longer event. */
    int MAX = 100;

    String ALL = "*";

    /** {@code <resource>.<what happened>}, lower case with underscores, as the public event's {@code type}. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}\\.[a-z][a-z0-9_]{0,31}");

    String message() default "must be event type names such as \"assistant.updated\", each once, or [\"*\"] alone";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<WebhookEventTypes, List<String>> {

        @Override
        public boolean isValid(List<String> types, ConstraintValidatorContext context) {
            if (types == null) {
                return true;
            }
            if (types.contains(ALL)) {
                return types.size() == 1;
            }
            Set<String> seen = new HashSet<>();
            for (String type : types) {
                if (type == null || !NAME.matcher(type).matches() || !seen.add(type)) {
                    return false;
                }
            }
            return true;
        }
    }
}
