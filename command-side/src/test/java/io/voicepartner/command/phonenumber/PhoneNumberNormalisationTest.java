package io.voicepartner.command.phonenumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers as people write them become one E.164 spelling, with the country they belong to. */
class PhoneNumberNormalisationTest {

    @ParameterizedTest(name = "{0} given for {1} is {2} from {3}")
    @CsvSource(
            nullValues = "none",
            value = {
                "+49 30 1234567,      none, +49301234567,   DE",
                "+49 (0)30 123-4567,  none, +49301234567,   DE",
                "030 1234567,         DE,   +49301234567,   DE",
                "(030) 123 45 67,     DE,   +49301234567,   DE",
                "0049 30 1234567,     DE,   +49301234567,   DE",
                "+1 650-253-0000,     none, +16502530000,   US",
                "+1 650-253-0000,     US,   +16502530000,   US",
                "020 7031 3000,       GB,   +442070313000,  GB",
                "+800 1234 5678,      none, +80012345678,   none"
            })
    void readsANumberInTheFormsPeopleWriteIt(String written, String country, String e164, String numberCountry) {
        assertThat(PhoneNumberNormalisation.problems(written, country)).isEmpty();
        assertThat(PhoneNumberNormalisation.normalise(written, country))
                .isEqualTo(new PhoneNumberNormalisation.Normalised(e164, numberCountry));
    }

    @ParameterizedTest(name = "{0} given for {1}: {2} {3}")
    @CsvSource(
            nullValues = "none",
            value = {
                "030 1234567,            none, phone_number, 'must be in international format, such as +49 30 1234567, unless country is given'",
                "call me,                none, phone_number, is not a phone number",
                "+49 30,                 none, phone_number, is not a valid phone number",
                "+49 30 12345678901234567890, none, phone_number, is too long to be a phone number",
                "+999 1234567,           none, phone_number, has no known country calling code",
                "+49 30 1234567 ext. 12, none, phone_number, must not have an extension",
                "+49 30 1234567,         FR,   country,      'does not match the phone number, which is from DE'",
                "+800 1234 5678,         DE,   country,      'does not match the phone number, which is of no country'",
                "+49 30 1234567,         de,   country,      'must be an ISO 3166-1 alpha-2 code in upper case, such as DE'",
                "+49 30 1234567,         XX,   country,      'must be an ISO 3166-1 alpha-2 code in upper case, such as DE'"
            })
    void namesTheFieldThatMakesANumberUnusable(String written, String country, String field, String reason) {
        assertThat(PhoneNumberNormalisation.problems(written, country)).containsExactly(new FieldError(field, reason));
        assertThatIllegalArgumentException().isThrownBy(() -> PhoneNumberNormalisation.normalise(written, country));
    }

    @Test
    void namesBothAnUnknownCountryAndANumberThatCannotBeReadWithoutOne() {
        assertThat(PhoneNumberNormalisation.problems("030 1234567", "Germany"))
                .extracting(FieldError::field)
                .containsExactly("country", "phone_number");
    }

    @Test
    void checksAGivenCountryAloneWhenTheNumberIsNotChanged() {
        assertThat(PhoneNumberNormalisation.problems(null, "DE")).isEmpty();
        assertThat(PhoneNumberNormalisation.problems(null, "Deutschland"))
                .extracting(FieldError::field)
                .containsExactly("country");
    }
}
