package io.voicepartner.support.parking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A parked cause keeps what broke and loses every value its message quoted: the messages here are those PostgreSQL,
 * Jackson and the platform write, each quoting a person's address or name.
 */
class ScrubbedCauseTest {

    private static final String EMAIL = "ada.lovelace@example.com";
    private static final String NAME = "Ada Lovelace";

    @Test
    void aUniqueKeysValueIsTakenOut() {
        String cause = ScrubbedCause.of(new DataIntegrityViolationException(
                "PreparedStatementCallback; ERROR: duplicate key value violates unique constraint "
                        + "\"user_credentials_email\"\n  Detail: Key (email)=(" + EMAIL + ") already exists."));

        assertThat(cause)
                .startsWith("DataIntegrityViolationException: ")
                .contains("duplicate key value violates unique constraint", "Key (email)=(…)", "already exists")
                .doesNotContain(EMAIL, "ada");
    }

    @Test
    void aFailingRowIsTakenOut() {
        String cause = ScrubbedCause.of(new DataIntegrityViolationException(
                "ERROR: new row for relation \"assistants\" violates check constraint \"poison\"\n  Detail: Failing "
                        + "row contains (0192, org, " + NAME + " (home), " + EMAIL + ", 3)."));

        assertThat(cause)
                .contains("violates check constraint", "Failing row contains (…)")
                .doesNotContain(NAME, EMAIL);
    }

    @Test
    void whatJacksonQuotesIsTakenOut() {
        JsonProcessingException unreadable = null;
        try {
            new ObjectMapper().readTree("{\"email\": " + NAME.replace(' ', '_') + "}");
        } catch (JsonProcessingException e) {
            unreadable = e;
        }

        assertThat(unreadable).isNotNull();
        assertThat(unreadable.getMessage()).contains("Ada_Lovelace");
        assertThat(ScrubbedCause.of(unreadable)).contains("Unrecognized token").doesNotContain("Ada");
    }

    @Test
    void anAddressOrASealedValueOutsideQuotesIsTakenOut() {
        String cause = ScrubbedCause.of(new IllegalArgumentException(
                "Cannot project the user " + EMAIL + " with name pd1:0192-user:q83vEjxY, at revision 4"));

        assertThat(cause)
                .isEqualTo("IllegalArgumentException: Cannot project the user …@… with name pd1:…, at revision 4");
    }

    @Test
    void whatHoldsNoValueIsKeptAndAScrubbedCauseStaysAsItIs() {
        String gap = "AssistantUpdated at revision 3 of 0192 arrived while the read model holds revision 1";

        assertThat(ScrubbedCause.of(new IllegalStateException(gap))).isEqualTo("IllegalStateException: " + gap);
        String scrubbed = ScrubbedCause.scrub("Key (email)=(" + EMAIL + ") already exists; token 'x' of \"y\"");
        assertThat(ScrubbedCause.scrub(scrubbed)).isEqualTo(scrubbed);
        assertThat(ScrubbedCause.of(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(ScrubbedCause.of(new IllegalStateException("x".repeat(5000))))
                .hasSizeLessThan(1100);
    }
}
