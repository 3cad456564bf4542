package io.voicepartner.query.web;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads list query parameters, collecting every invalid one so the client hears of all at once. */
public final class ListParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final int MAX_QUERY_LENGTH = 200;

    private final List<FieldError> errors = new ArrayList<>();

    public int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    public String cursor(String value) {
        try {
            return Cursors.decode(value);
        } catch (ApiException e) {
            errors.addAll(e.details());
            return null;
        }
    }

    public Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        errors.add(new FieldError(name, "must be true or false"));
        return null;
    }

    public String query(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_QUERY_LENGTH) {
            errors.add(new FieldError("q", "must be at most " + MAX_QUERY_LENGTH + " characters"));
            return null;
        }
        return value.trim();
    }

    /** @param parse throws {@link IllegalArgumentException} with the reason when the value is invalid */
    public <T> T parsed(String name, String value, Function<String, T> parse) {
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, e.getMessage()));
            return null;
        }
    }

    /** Refuses the request if any parameter was invalid. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
