package io.voicepartner.analytics.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The {@code from} and {@code to} of every analytics route: days in UTC, both included, at most 366 of them. */
class DateRangeTest {

    @Test
    void withoutDatesItIsTheLast30DaysUpToTodayInUtc() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(DateRange.of(null, null)).isEqualTo(new DateRange(today.minusDays(29), today));
    }

    @Test
    void withOnlyAnEndItIsThe30DaysEndingThen() {
        assertThat(DateRange.of(null, "2026-03-31"))
                .isEqualTo(new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-31")));
    }

    @Test
    void aSingleDayIsARange() {
        assertThat(DateRange.of("2026-03-01", "2026-03-01").from()).isEqualTo(LocalDate.parse("2026-03-01"));
    }

    @Test
    void aRangeMayCover366DaysButNotMore() {
        assertThat(DateRange.of("2024-01-01", "2024-12-31").to()).isEqualTo(LocalDate.parse("2024-12-31"));

        assertThatThrownBy(() -> DateRange.of("2024-01-01", "2025-01-01"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details())
                                .containsExactly(new FieldError("from", "must be at most 366 days before to")));
    }

    @Test
    void aStartAfterTheEndIsRefused() {
        assertThatThrownBy(() -> DateRange.of("2026-03-02", "2026-03-01"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details()).containsExactly(new FieldError("from", "must not be after to")));
    }

    @Test
    void everyMalformedDateIsNamedAtOnce() {
        assertThatThrownBy(() -> DateRange.of("01.03.2026", "2026-03-01T00:00:00Z"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details())
                                .containsExactlyInAnyOrder(
                                        new FieldError("from", "must be a date as YYYY-MM-DD"),
                                        new FieldError("to", "must be a date as YYYY-MM-DD")));
    }
}
