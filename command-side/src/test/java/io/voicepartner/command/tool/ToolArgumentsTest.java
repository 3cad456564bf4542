package io.voicepartner.command.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    private static final Map<String, Object> WEATHER = Map.of(
            "type", "object",
            "required", List.of("city"),
            "properties",
                    Map.of(
                            "city", Map.of("type", "string", "pattern", "^[A-Z]"),
                            "days", Map.of("type", "integer", "minimum", 1, "maximum", 14),
                            "units", Map.of("type", "array", "items", Map.of("enum", List.of("metric", "imperial")))));

    @Test
    void argumentsTheParametersAllowPass() {
        assertThatCode(() ->
                        ToolArguments.check(WEATHER, Map.of("city", "Berlin", "days", 3, "units", List.of("metric"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aToolWithoutParametersTakesAnyArguments() {
        assertThatCode(() -> ToolArguments.check(null, Map.of("anything", 1))).doesNotThrowAnyException();
        assertThatCode(() -> ToolArguments.check(Map.of(), Map.of("anything", 1)))
                .doesNotThrowAnyException();
    }

    @Test
    void everyArgumentTheParametersRefuseIsNamedWhereItIs() {
        List<FieldError> details = refusal(WEATHER, Map.of("days", 30, "units", List.of("metric", "kelvin")));

        assertThat(details)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("arguments", "arguments.days", "arguments.units[1]");
        assertThat(details)
                .filteredOn(detail -> detail.field().equals("arguments"))
                .singleElement()
                .extracting(FieldError::message)
                .asString()
                .contains("city");
        assertThat(refusal(WEATHER, Map.of("city", "berlin")))
                .extracting(FieldError::field)
                .containsExactly("arguments.city");
    }

    @Test
    void aReferenceToAnotherDocumentIsRefusedWithoutFetchingIt() throws IOException {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String elsewhere = "http://127.0.0.1:" + server.getAddress().getPort() + "/city.json";

            List<FieldError> details = refusal(Map.of("$ref", elsewhere), Map.of("city", "Berlin"));

            assertThat(details).singleElement().satisfies(detail -> {
                assertThat(detail.field()).isEqualTo("arguments");
                assertThat(detail.message()).contains("does not fetch");
            });
            assertThat(fetched).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPatternThatBacktracksWithoutEndIsGivenUpOn() {
        // a back reference defeats the JDK's memoisation: 28 a's already take seconds, 40 would take years
        Map<String, Object> parameters = Map.of("properties", Map.of("code", Map.of("pattern", "^(a+)+\\1$")));

        List<FieldError> details = refusal(parameters, Map.of("code", "a".repeat(40) + "!"));

        assertThat(details).singleElement().satisfies(detail -> {
            assertThat(detail.field()).isEqualTo("arguments");
            assertThat(detail.message()).contains("^(a+)+\\1$").contains("took longer than");
        });
    }

    /**
     * Fifty patterns, each of whose matches stays well inside the budget on its own: together they are given
     * up once the budget all of the check's matches share is spent. The clock moves a millisecond each time it is
     * read, so the count of reads is the time the check spent.
     */
    @Test
    void manyPatternsEachWithinTheBudgetShareOneBudget() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            properties.put("code" + i, Map.of("type", "string", "pattern", "^[a-z]+$"));
            arguments.put("code" + i, "a".repeat(60));
        }
        AtomicLong reads = new AtomicLong();
        LongSupplier clock = () -> TimeUnit.MILLISECONDS.toNanos(reads.incrementAndGet());

        ApiException refused = catchThrowableOfType(
                ApiException.class, () -> ToolArguments.check(Map.of("properties", properties), arguments, clock));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.details()).singleElement().satisfies(detail -> {
            assertThat(detail.field()).isEqualTo("arguments");
            assertThat(detail.message()).contains("took longer than 100 ms, the time all of a check's patterns share");
        });
        assertThat(reads.get())
                .as("milliseconds spent of the 50 x 60 that every match would take")
                .isLessThanOrEqualTo(ToolArguments.PATTERN_BUDGET.toMillis() + 2);
    }

    @Test
    void arraysLongerThanTheBoundAreRefusedByNameBeforeAnyPatternIsMatched() {
        Map<String, Object> parameters = Map.of(
                "properties",
                Map.of(
                        "codes", Map.of("type", "array", "items", Map.of("type", "string", "pattern", "^(a+)+\\1$")),
                        "address", Map.of("type", "object")));
        List<String> codes = Collections.nCopies(ToolArguments.MAX_ARRAY_ITEMS + 1, "a".repeat(40) + "!");
        List<Integer> lines = Collections.nCopies(5_000, 1);
        AtomicLong reads = new AtomicLong();

        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> ToolArguments.check(
                        parameters, Map.of("codes", codes, "address", Map.of("lines", lines)), reads::incrementAndGet));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.details())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("arguments.codes", "arguments.address.lines");
        assertThat(refused.details())
                .extracting(FieldError::message)
                .contains("has 1001 items; at most 1000 are checked");
        assertThat(reads.get()).as("clock reads: no pattern was matched").isZero();
    }

    @Test
    void anArrayOfTheBoundIsChecked() {
        Map<String, Object> parameters = Map.of(
                "properties",
                Map.of("codes", Map.of("type", "array", "items", Map.of("type", "string", "pattern", "^[a-z]+$"))));

        assertThatCode(() -> ToolArguments.check(
                        parameters, Map.of("codes", Collections.nCopies(ToolArguments.MAX_ARRAY_ITEMS, "abc"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aPatternThatIsNoRegularExpressionIsNamed() {
        Map<String, Object> parameters = Map.of("properties", Map.of("code", Map.of("pattern", "([")));

        assertThat(refusal(parameters, Map.of("code", "x")))
                .singleElement()
                .extracting(FieldError::message)
                .asString()
                .contains("is not a regular expression");
    }

    private static List<FieldError> refusal(Map<String, Object> parameters, Map<String, Object> arguments) {
        ApiException refused =
                catchThrowableOfType(ApiException.class, () -> ToolArguments.check(parameters, arguments));
        assertThat(refused).as("refused").isNotNull();
        return refused.details();
    }
}
