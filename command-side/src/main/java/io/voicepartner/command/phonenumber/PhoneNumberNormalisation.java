package io.voicepartner.command.phonenumber;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Phone numbers as people write them ({@code "(030) 123 4567"}, {@code "+49 30 1234567"}), read with Google's
 * libphonenumber and stored as E.164, so that one line has one spelling and uniqueness can be decided on it.
 * The country is the number's: given, it is the region a national number is read in and must be one the
 * number belongs to; not given, it is taken from the number.
 */
final class PhoneNumberNormalisation {

    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** libphonenumber's "no default region": only a number in international format can be read. */
    private static final String NO_REGION = "ZZ";

    /**
     * @param e164    the number as stored, such as {@code +49301234567}
     * @param country its ISO 3166-1 alpha-2 country, or {@code null} for a number of no country (international
     *                freephone, satellite networks)
     */
    record Normalised(String e164, String country) {}

    /** A number and country as read: normalised, or the problems that prevent it, each naming its field. */
    private record Reading(Normalised normalised, List<FieldError> problems) {}

    private PhoneNumberNormalisation() {}

    /**
     * What is wrong with a number and the country it is given for; empty if nothing is.
     *
     * @param number  {@code null} when the request does not change the number: the country is then checked alone
     * @param country {@code null} when not given
     */
    static List<FieldError> problems(String number, String country) {
        return read(number, country).problems();
    }

    /** @throws IllegalArgumentException if there are {@link #problems}: a request is checked before it is used */
    static Normalised normalise(String number, String country) {
        Reading reading = read(number, country);
        if (!reading.problems().isEmpty() || reading.normalised() == null) {
            throw new IllegalArgumentException("Not a phone number: " + reading.problems());
        }
        return reading.normalised();
    }

    private static Reading read(String number, String country) {
        List<FieldError> problems = new ArrayList<>();
        boolean knownCountry = country == null || COUNTRIES.contains(country);
        if (!knownCountry) {
            problems.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 code in upper case, such as DE"));
        }
        if (number == null) {
            return new Reading(null, problems);
        }
        String region = country != null && knownCountry ? country : NO_REGION;
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = NUMBERS.parse(number, region);
        } catch (NumberParseException e) {
            problems.add(new FieldError("phone_number", reason(e, number, region)));
            return new Reading(null, problems);
        }
        if (!NUMBERS.isValidNumber(parsed)) {
            problems.add(new FieldError("phone_number", "is not a valid phone number"));
        } else if (parsed.hasExtension()) {
            // a number reaches an assistant as a line of its own; an extension is reached through another line
            problems.add(new FieldError("phone_number", "must not have an extension"));
        } else if (!region.equals(NO_REGION) && !NUMBERS.isValidNumberForRegion(parsed, region)) {
            String actual = countryOf(parsed);
            problems.add(new FieldError(
                    "country",
                    "does not match the phone number, which is "
                            + (actual == null ? "of no country" : "from " + actual)));
        }
        if (!problems.isEmpty()) {
            return new Reading(null, problems);
        }
        return new Reading(
                new Normalised(
                        NUMBERS.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164),
                        country == null ? countryOf(parsed) : country),
                problems);
    }

    private static String countryOf(Phonenumber.PhoneNumber number) {
        String region = NUMBERS.getRegionCodeForNumber(number);
        return region == null || region.equals(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY) ? null : region;
    }

    private static String reason(NumberParseException e, String number, String region) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> {
                if (number.strip().startsWith("+")) {
                    yield "has no known country calling code";
                }
                yield region.equals(NO_REGION)
                        ? "must be in international format, such as +49 30 1234567, unless country is given"
                        : "cannot be read as a number from " + region + "; give it in international format";
            }
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "is too short to be a phone number";
            case TOO_LONG -> "is too long to be a phone number";
            case NOT_A_NUMBER -> "is not a phone number";
        };
    }
}
