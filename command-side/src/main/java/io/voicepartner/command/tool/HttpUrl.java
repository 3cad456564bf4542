package io.voicepartner.command.tool;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;

/** An absolute {@code http} or {@code https} URL naming a host: somewhere the platform can send a call. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HttpUrl.Check.class)
@interface HttpUrl {

    String message() default "must be an absolute http or https URL with a host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<HttpUrl, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                return false;
            }
            String scheme = uri.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            if (!web || uri.getHost() == null || uri.getHost().isEmpty()) {
                return false;
            }
            if (uri.getRawUserInfo() != null) {
                // the URL is stored and shown in clear; credentials belong in authentication, which is encrypted
                Violations.report(context, "must not carry credentials; put them in authentication");
                return false;
            }
            var problems = QueryCredentials.problems(uri.getRawQuery());
            problems.forEach(problem -> Violations.report(context, problem));
            return problems.isEmpty();
        }
    }
}
