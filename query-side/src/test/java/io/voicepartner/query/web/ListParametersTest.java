package io.voicepartner.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The list routes' shared parameters ({@code limit}, {@code cursor}, {@code q}, flags) and their cursors. */
class ListParametersTest {

    private final ListParameters parameters = new ListParameters();

    @Test
    void aCursorTakesTheClientBackToTheIdItWasMadeFrom() {
        String id = "0192f1c2-7a6b-7000-8000-000000000042";

        assertThat(Cursors.decode(Cursors.encode(id))).isEqualTo(id);
        assertThat(Cursors.encode(id)).doesNotContain(id).doesNotContain("=");
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertThat(Cursors.decode(null)).isNull();
        assertThat(Cursors.decode("")).isNull();
    }

    @Test
    void aCursorThisApiDidNotIssueIsRefusedByName() {
        String unversioned = Base64.getUrlEncoder().encodeToString("some-id".getBytes(StandardCharsets.UTF_8));
        String empty = Base64.getUrlEncoder().encodeToString("v1:".getBytes(StandardCharsets.UTF_8));

        for (String forged : new String[] {"not base64!", unversioned, empty}) {
            assertThatThrownBy(() -> Cursors.decode(forged))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.details())
                                    .containsExactly(new FieldError("cursor", "is not a cursor this API issued")));
        }
    }

    @Test
    void theLimitDefaultsTo50AndMayBeFrom1To200() {
        assertThat(parameters.limit(null)).isEqualTo(50);
        assertThat(parameters.limit("1")).isEqualTo(1);
        assertThat(parameters.limit(" 200 ")).isEqualTo(200);
        parameters.validate();
    }

    @Test
    void theSearchTextIsTrimmedAndBlankMeansNone() {
        assertThat(parameters.query("  weather ")).isEqualTo("weather");
        assertThat(parameters.query("   ")).isNull();
        assertThat(parameters.query(null)).isNull();
    }

    @Test
    void aFlagIsExactlyTrueOrFalse() {
        assertThat(parameters.bool("is_active", "true")).isTrue();
        assertThat(parameters.bool("is_active", null)).isNull();
        parameters.bool("is_active", "yes");

        assertThatThrownBy(parameters::validate)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details())
                                .containsExactly(new FieldError("is_active", "must be true or false")));
    }

    @Test
    void everyInvalidParameterIsReportedAtOnce() {
        parameters.limit("0");
        parameters.limit("many");
        parameters.cursor("forged");
        parameters.query("x".repeat(201));
        parameters.parsed("status", "sleeping", value -> {
            throw new IllegalArgumentException("must be one of draft, testing, deployed");
        });

        assertThatThrownBy(parameters::validate)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details())
                                .extracting(FieldError::field)
                                .containsExactly("limit", "limit", "cursor", "q", "status"));
    }

    @Test
    void aRefusedLimitStillLeavesAUsableDefaultUntilValidation() {
        assertThat(parameters.limit("1000")).isEqualTo(50);
        assertThat(parameters.cursor("forged")).isNull();
    }
}
