package io.voicepartner.command.tool;

import jakarta.validation.ConstraintValidatorContext;

/**
 * Reports a constraint's problem with a message of its own. Messages may quote what the client sent (a
 * header name, a schema error), so they are escaped: a message template would otherwise interpolate
 * {@code {…}} and {@code ${…}} in client input.
 */
final class Violations {

    private Violations() {}

    /** A problem with the constrained field itself. */
    static void report(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(message)).addConstraintViolation();
    }

    /** A problem with one member of the constrained object, named as {@code field.member}. */
    static void report(ConstraintValidatorContext context, String member, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(message))
                .addPropertyNode(member)
                .addConstraintViolation();
    }

    private static String escape(String message) {
        return message.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}
