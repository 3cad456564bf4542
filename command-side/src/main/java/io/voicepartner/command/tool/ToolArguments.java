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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
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
 * every {@code pattern} match of one check shares {@link #PATTERN_BUDGET}: a catastrophically backtracking
 * expression, or many expressions each just under a budget of their own over many values, cost a refusal,
 * not a request thread. Arrays of more than {@link #MAX_ARRAY_ITEMS} items are refused before any is checked.
 */
final class ToolArguments {

    static final Duration PATTERN_BUDGET = Duration.ofMillis(100);
    static final int MAX_ARRAY_ITEMS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolArguments() {}

    /** @throws ApiException {@code 400} naming each argument that the parameters do not allow */
    static void check(Map<String, Object> parameters, Map<String, Object> arguments) {
        check(parameters, arguments, System::nanoTime);
    }

    /** @param nanoTime the clock that the patterns' shared budget is spent on */
    static void check(Map<String, Object> parameters, Map<String, Object> arguments, LongSupplier nanoTime) {
        if (parameters == null || parameters.isEmpty()) {
            return;
        }
        JsonNode values = JSON.valueToTree(arguments);
        List<FieldError> oversized = new ArrayList<>();
        findOversizedArrays(values, new StringBuilder("arguments"), oversized);
        if (!oversized.isEmpty()) {
            throw ApiException.invalid(oversized);
        }
        PatternBudget budget = new PatternBudget(nanoTime);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .regularExpressionFactory(expression -> boundedPattern(expression, budget))
                .build();
        List<Error> errors;
        try {
            errors = SchemaRegistry.withDefaultDialect(
                            SpecificationVersion.DRAFT_2020_12, registry -> registry.schemaRegistryConfig(config))
                    .getSchema(JSON.valueToTree(parameters))
                    .validate(values);
        } catch (SchemaException unresolvable) {
            throw ApiException.invalid(
                    "arguments",
                    "cannot be checked: the tool's parameters refer to a schema " + "this platform does not fetch ("
                            + unresolvable.getMessage() + ")");
        } catch (UncheckablePattern pattern) {
            throw ApiException.invalid("arguments", "cannot be checked: " + pattern.getMessage());
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.stream()
                    .map(error -> new FieldError(field(error.getInstanceLocation()), error.getMessage()))
                    .toList());
        }
    }

    private static void findOversizedArrays(JsonNode value, StringBuilder field, List<FieldError> oversized) {
        if (value.isArray() && value.size() > MAX_ARRAY_ITEMS) {
            oversized.add(new FieldError(
                    field.toString(), "has " + value.size() + " items; at most " + MAX_ARRAY_ITEMS + " are checked"));
            return;
        }
        int length = field.length();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                findOversizedArrays(value.get(i), field.append('[').append(i).append(']'), oversized);
                field.setLength(length);
            }
        } else if (value.isObject()) {
            for (var member : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                findOversizedArrays(member.getValue(), field.append('.').append(member.getKey()), oversized);
                field.setLength(length);
            }
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

    /** Unanchored, as JSON Schema's {@code pattern} is, and given up once the check's budget is spent. */
    private static RegularExpression boundedPattern(String expression, PatternBudget budget) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new UncheckablePattern(
                    "the pattern '" + expression + "' of the tool's parameters is not a " + "regular expression");
        }
        return input ->
                pattern.matcher(new BudgetedText(input, budget, expression)).find();
    }

    /** The time that every pattern match of one check shares, counted from the check's start. */
    private static final class PatternBudget {

        private final LongSupplier nanoTime;
        private final long deadline;

        PatternBudget(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            this.deadline = nanoTime.getAsLong() + PATTERN_BUDGET.toNanos();
        }

        void spend(String expression) {
            if (nanoTime.getAsLong() - deadline > 0) {
                throw new UncheckablePattern("the tool's parameters took longer than " + PATTERN_BUDGET.toMillis()
                        + " ms, the time all of a check's patterns share, to match; the pattern '" + expression
                        + "' was matching when it ran out");
            }
        }
    }

    /** Text that stops a match once the check's patterns have spent their budget. */
    private record BudgetedText(CharSequence text, PatternBudget budget, String expression) implements CharSequence {

        @Override
        public char charAt(int index) {
            budget.spend(expression);
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.subSequence(start, end), budget, expression);
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
