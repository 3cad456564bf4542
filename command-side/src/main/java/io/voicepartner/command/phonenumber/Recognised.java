package io.voicepartner.command.phonenumber;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The codes of a {@link PhoneNumberRequest} are ones the world recognises: a phone number that
 * libphonenumber can read (in its {@code country}, if given), an ISO 3166-1 country that the number belongs
 * to, an ISO 4217 currency. A constraint of the whole request, because the number and its country are
 * judged together; it names each bad field, so that they are reported with every other invalid field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Recognised.Check.class)
@interface Recognised {

    String message() default "has codes that are not recognised";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * Member classes of an annotation are public, as the validation provider that instantiates this needs.
     * Messages are fixed texts or codes from the ISO lists, never the client's input: a constraint message
     * is a template that the provider interprets.
     */
    final class Check implements ConstraintValidator<Recognised, PhoneNumberRequest> {

        private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
                .map(Currency::getCurrencyCode)
                .collect(Collectors.toUnmodifiableSet());

        @Override
        public boolean isValid(PhoneNumberRequest request, ConstraintValidatorContext context) {
            List<FieldError> problems =
                    new ArrayList<>(PhoneNumberNormalisation.problems(request.phoneNumber(), request.country()));
            if (request.currency() != null && !CURRENCIES.contains(request.currency())) {
                problems.add(
                        new FieldError("currency", "must be an ISO 4217 currency code in upper case, such as EUR"));
            }
            context.disableDefaultConstraintViolation();
            problems.forEach(problem -> context.buildConstraintViolationWithTemplate(problem.message())
                    .addPropertyNode(problem.field())
                    .addConstraintViolation());
            return problems.isEmpty();
        }
    }
}
