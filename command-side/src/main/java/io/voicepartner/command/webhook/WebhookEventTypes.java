package io.voicepartner.command.webhook;

import io.voicepartner.api.messaging.PublicEventTypes;
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

/**
 * The public event types an endpoint takes: names the events API gives ({@code assistant.updated},
 * {@code tool.deleted}: {@link PublicEventTypes}), each once, or {@code ["*"]} alone for every type. A name that is
 * no public type is refused here rather than stored: an endpoint subscribed to a misspelt type would wait for ever.
 * {@code ping} is what a test sends to every endpoint, never something to subscribe to.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WebhookEventTypes.Check.class)
@interface WebhookEventTypes {

    /** The most types one endpoint names: the catalogue has fewer; more is a mistake, and a longer event. */
    int MAX = 100;

    String ALL = "*";

    String message() default
            "must be public event types such as \"assistant.updated\" (docs/API.md lists them), each once, or [\"*\"] alone";

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
                if (type == null || !PublicEventTypes.all().contains(type) || !seen.add(type)) {
                    return false;
                }
            }
            return true;
        }
    }
}
