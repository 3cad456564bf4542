package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.regex.RegularExpression;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The arguments of a test call, checked against the tool's {@code parameters} before anything is sent: an
 * assistant only ever sends what the schema allows, so a test with arguments it would never send tests
 * nothing. Every violation is a detail naming its place under {@code arguments}.
 * <p>
 * The schema is the client's own, so checking it must not reach further than the request: nothing is
 * fetched (a {@code $ref} to another document is refused by name rather than followed), every check
 * compiles its own registry (an {@code $id} of one user's schema never answers another's {@code $ref}), and
 * a {@code pattern} gets {@link #PATTERN_BUDGET} per match, so a catastrophically backtracking expression
 * costs a refusal, not a request thread.
 */
final class ToolArguments {

    static final Duration PATTERN_BUDGET = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
            .regularExpressionFactory(ToolArguments::boundedPattern)
            .build();

    private ToolArguments() {
    }

    /** @throws ApiException {@code 400} naming each argument that the parameters do not allow */
    static void check(Map<String, Object> parameters, Map<String, Object> arguments) {
        if (parameters == null || parameters.isEmpty()) {
            return;
        }
        List<Error> errors;
        try {
            errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                            registry -> registry.schemaRegistryConfig(CONFIG))
                    .getSchema(JSON.valueToTree(parameters))
                    .validate(JSON.<JsonNode>valueToTree(arguments));
        } catch (SchemaException unresolvable) {
            throw ApiException.invalid("arguments", "cannot be checked: the tool's parameters refer to a schema "
                    + "this platform does not fetch (" + unresolvable.getMessage() + ")");
        } catch (UncheckablePattern pattern) {
            throw ApiException.invalid("arguments", "cannot be checked: " + pattern.getMessage());
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.stream()
                    .map(error -> new FieldError(field(error.getInstanceLocation()), error.getMessage()))
                    .toList());
        }
    }

    /** {@code $.address.lines[0]} as {@code arguments.address.lines[0]}. */
    private static String field(NodePath location) {
        StringBuilder field = new StringBuilder("arguments");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            field.append(element instanceof Integer index ? "[" + index + "]" : "." + element);
        }
        return field.toString();
    }

    /** Unanchored, as JSON Schema's {@code pattern} is, and given up once its budget is spent. */
    private static RegularExpression boundedPattern(String expression) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new UncheckablePattern("the pattern '" + expression + "' of the tool's parameters is not a "
                    + "regular expression");
        }
        return input -> {
            long deadline = System.nanoTime() + PATTERN_BUDGET.toNanos();
            return pattern.matcher(new BudgetedText(input, deadline, expression)).find();
        };
    }

    /** Text that stops a match which has read it for longer than its deadline allows. */
    private record BudgetedText(CharSequence text, long deadline, String expression) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadline) {
                throw new UncheckablePattern("the pattern '" + expression + "' of the tool's parameters took "
                        + "longer than " + PATTERN_BUDGET.toMillis() + " ms to match");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.subSequence(start, end), deadline, expression);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static final class UncheckablePattern extends RuntimeException {

        UncheckablePattern(String message) {
            super(message, null, false, false);
        }
    }
}
