package io.voicepartner.command.phonenumber;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The shape of a phone number write, as the validation provider sees it: each problem on its own field. */
class PhoneNumberRequestTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void acceptsAPricedNumberOfItsCountry() {
        assertThat(VALIDATOR.validate(request("+49 30 1234567", "DE", Map.of("voice", true), "1.15", "EUR")))
                .isEmpty();
    }

    @Test
    void namesEachFieldOfANumberThatIsNotTheCountrysAndAnUnknownCurrency() {
        Set<ConstraintViolation<PhoneNumberRequest>> violations =
                VALIDATOR.validate(request("+49 30 1234567", "FR", Map.of("voice", true), "1.15", "EURO"));

        assertThat(violations)
                .extracting(violation -> violation.getPropertyPath().toString())
                .containsExactlyInAnyOrder("country", "currency");
    }

    @Test
    void refusesCapabilitiesBeyondVoiceSmsMmsAndFax() {
        Set<ConstraintViolation<PhoneNumberRequest>> violations =
                VALIDATOR.validate(request("+49 30 1234567", null, Map.of("voice", true, "video", true), null, null));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath().iterator().next().getName()).isEqualTo("capabilities");
            assertThat(violation.getMessage()).isEqualTo("may only name voice, sms, mms and fax");
        });
    }

    @Test
    void refusesAPriceThatIsNoDecimalStringOfAtMostFourPlaces() {
        assertThat(VALIDATOR.validate(request("+49 30 1234567", null, null, "1.23456", "EUR")))
                .extracting(violation -> violation.getPropertyPath().toString())
                .containsExactly("monthlyPrice");
        assertThat(VALIDATOR.validate(request("+49 30 1234567", null, null, "1,15", "EUR")))
                .hasSize(1);
        assertThat(VALIDATOR.validate(request("+49 30 1234567", null, null, "12345678", "EUR")))
                .hasSize(1);
    }

    private static PhoneNumberRequest request(
            String number, String country, Map<String, Boolean> capabilities, String monthlyPrice, String currency) {
        return new PhoneNumberRequest(
                number,
                "Hotline",
                capabilities,
                country,
                null,
                null,
                null,
                monthlyPrice,
                currency,
                null,
                null,
                null,
                null);
    }
}
