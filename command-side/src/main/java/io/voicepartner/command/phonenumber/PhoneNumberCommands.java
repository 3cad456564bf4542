package io.voicepartner.command.phonenumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.phonenumber.CreatePhoneNumber;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.api.phonenumber.UpdatePhoneNumber;
import io.voicepartner.command.common.JsonMergePatch;
import io.voicepartner.command.web.JsonRequestReader;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A phone number write's body as the command it asks for, read and checked as the phone number routes take it:
 * numbers are normalised to E.164 here, at the edge, so that the aggregate and the platform-wide register only ever
 * see one spelling of a number. The routes and the configuration's apply make their commands here alike.
 */
@Component
public class PhoneNumberCommands {

    private static final Set<String> NOT_NULL = Set.of("phone_number", "provider", "status");
    private static final Map<String, String> READ_ONLY = Map.of(
            "usage", "is counted by the platform and cannot be written",
            "purchased_at", "is set by the server and cannot be written",
            "last_used", "is set by the platform and cannot be written");
    private static final Map<String, Boolean> DEFAULT_CAPABILITIES = Map.of("voice", true, "sms", false);

    private final JsonRequestReader reader;

    PhoneNumberCommands(JsonRequestReader reader) {
        this.reader = reader;
    }

    /** @throws io.voicepartner.support.web.ApiException naming every field the body gets wrong */
    public CreatePhoneNumber create(String id, String organizationId, JsonNode body) {
        // a price is an amount of a currency: with one, the currency is as required as the number
        Set<String> required = body != null && body.hasNonNull("monthly_price")
                ? Set.of("phone_number", "currency")
                : Set.of("phone_number");
        JsonRequestReader.Sent<PhoneNumberRequest> sent =
                reader.read(body, PhoneNumberRequest.class, READ_ONLY, required, NOT_NULL);
        return new CreatePhoneNumber(id, organizationId, newConfiguration(sent));
    }

    /** @param body a JSON Merge Patch of the phone number */
    public UpdatePhoneNumber update(String id, String organizationId, Long expectedRevision, JsonNode body) {
        JsonRequestReader.Sent<PhoneNumberRequest> sent =
                reader.read(body, PhoneNumberRequest.class, READ_ONLY, Set.of(), NOT_NULL);
        PhoneNumberRequest request = sent.value();
        Set<PhoneNumberField> changed = EnumSet.noneOf(PhoneNumberField.class);
        sent.fields().stream().map(PhoneNumberField::fromWireName).forEach(changed::add);
        String phoneNumber = null;
        String country = request.country();
        if (sent.has("phone_number")) {
            // a new number brings its country, given and checked against it or taken from it
            PhoneNumberNormalisation.Normalised number =
                    PhoneNumberNormalisation.normalise(request.phoneNumber(), request.country());
            phoneNumber = number.e164();
            country = number.country();
            changed.add(PhoneNumberField.COUNTRY);
        }
        PhoneNumberConfiguration changes = new PhoneNumberConfiguration(
                phoneNumber,
                request.friendlyName(),
                request.capabilities(),
                country,
                request.region(),
                request.locality(),
                request.provider(),
                canonicalPrice(request.monthlyPrice()),
                request.currency(),
                request.configuration(),
                request.status(),
                request.assistantId(),
                request.assistantVersion());
        return new UpdatePhoneNumber(id, organizationId, expectedRevision, changes, changed);
    }

    /** A new number is the default one with the body merged into it, as an update is merged into a number. */
    private static PhoneNumberConfiguration newConfiguration(JsonRequestReader.Sent<PhoneNumberRequest> sent) {
        PhoneNumberRequest r = sent.value();
        PhoneNumberNormalisation.Normalised number = PhoneNumberNormalisation.normalise(r.phoneNumber(), r.country());
        return new PhoneNumberConfiguration(
                number.e164(),
                r.friendlyName(),
                sent.has("capabilities")
                        ? PhoneNumberMerge.mergeCapabilities(DEFAULT_CAPABILITIES, r.capabilities())
                        : DEFAULT_CAPABILITIES,
                number.country(),
                r.region(),
                r.locality(),
                r.provider() == null ? PhoneNumberProvider.OTHER : r.provider(),
                canonicalPrice(r.monthlyPrice()),
                r.currency(),
                JsonMergePatch.merge(Map.of(), r.configuration()),
                r.status() == null ? PhoneNumberStatus.ACTIVE : r.status(),
                r.assistantId(),
                r.assistantVersion());
    }

    /** {@code "007.50"} is {@code "7.50"}: one spelling per amount, its precision kept. */
    private static String canonicalPrice(String price) {
        return price == null ? null : new BigDecimal(price).toPlainString();
    }
}
