package io.voicepartner.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import org.junit.jupiter.api.Test;

/** Which {@code If-Match} values are a revision, which are a tag that matches nothing (412), and which are malformed (400). */
class IfMatchTest {

    @Test
    void anEntityTagOfThisApiIsTheRevisionItNames() {
        assertThat(IfMatch.expectedRevision("\"3\"")).isEqualTo(3);
        assertThat(IfMatch.expectedRevision(" W/\"12\" ")).isEqualTo(12);
        assertThat(IfMatch.expectedRevision("7"))
                .as("a bare number, as clients have sent it")
                .isEqualTo(7);
    }

    @Test
    void absentOrAnyMeansTheLatest() {
        assertThat(IfMatch.expectedRevision(null)).isNull();
        assertThat(IfMatch.expectedRevision(" ")).isNull();
        assertThat(IfMatch.expectedRevision("*")).isNull();
    }

    @Test
    void aWellFormedTagThatNamesNoRevisionMatchesNothingInsteadOfBeingRefusedAsMalformed() {
        assertThat(IfMatch.expectedRevision("\"0\"")).isEqualTo(IfMatch.NO_REVISION);
        assertThat(IfMatch.expectedRevision("\"abc\"")).isEqualTo(IfMatch.NO_REVISION);
        assertThat(IfMatch.expectedRevision("\"\"")).isEqualTo(IfMatch.NO_REVISION);
        assertThat(IfMatch.expectedRevision("\"99999999999999999999\"")).isEqualTo(IfMatch.NO_REVISION);
    }

    @Test
    void aMalformedHeaderIsABadRequestNamingIt() {
        for (String malformed : new String[] {"yesterday", "\"3", "3\"", "\"a b\"", "-1"}) {
            ApiException refused = catchThrowableOfType(() -> IfMatch.expectedRevision(malformed), ApiException.class);
            assertThat(refused).as(malformed).isNotNull();
            assertThat(refused.details()).extracting(FieldError::field).containsExactly("If-Match");
        }
    }
}
