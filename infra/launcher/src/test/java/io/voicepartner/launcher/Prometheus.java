package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code GET /actuator/prometheus} of a platform under test. A metric's check compares its value before and
 * after an action: a series that exists from start-up, or that an earlier test moved, proves nothing by being there.
 */
final class Prometheus {

    private final Api api;

    Prometheus(Api api) {
        this.api = api;
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code labels} ("" for no labels). */
    Optional<Double> sample(String metric, String labels) {
        Matcher line = lines(metric);
        while (line.find()) {
            if (line.group(1) == null ? labels.isEmpty() : line.group(1).contains(labels)) {
                return Optional.of(Double.parseDouble(line.group(2)));
            }
        }
        return Optional.empty();
    }

    /** The sum of every sample of {@code metric}, 0 if it has none. */
    double total(String metric) {
        Matcher line = lines(metric);
        double total = 0;
        while (line.find()) {
            total += Double.parseDouble(line.group(2));
        }
        return total;
    }

    private Matcher lines(String metric) {
        Api.Response response = api.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(response.text());
    }
}
