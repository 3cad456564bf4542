package io.voicepartner.analytics.figures;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a figure covers, both included, in UTC: {@code from} and {@code to} as {@code YYYY-MM-DD}. Without
 * them, the last 30 days up to today. At most 366 days, so that one request stays cheap.
 */
record DateRange(LocalDate from, LocalDate to) {

    private static final int DEFAULT_DAYS = 30;
    private static final int MAX_DAYS = 366;

    static DateRange of(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate last = parse("to", to, LocalDate.now(ZoneOffset.UTC), errors);
        LocalDate first = parse("from", from, last == null ? null : last.minusDays(DEFAULT_DAYS - 1), errors);
        if (errors.isEmpty() && first.isAfter(last)) {
            errors.add(new FieldError("from", "must not be after to"));
        } else if (errors.isEmpty() && ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            errors.add(new FieldError("from", "must be at most " + MAX_DAYS + " days before to"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new DateRange(first, last);
    }

    private static LocalDate parse(String name, String value, LocalDate otherwise, List<FieldError> errors) {
        if (value == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }
}
