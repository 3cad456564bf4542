package io.voicepartner.command.phonenumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.phonenumber.CreatePhoneNumber;
import io.voicepartner.api.phonenumber.DeletePhoneNumber;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.api.phonenumber.RestorePhoneNumber;
import io.voicepartner.api.phonenumber.UpdatePhoneNumber;
import io.voicepartner.command.common.JsonMergePatch;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The phone number write routes: each maps its request to a command for the caller, and answers what a read
 * shows. Numbers are normalised to E.164 here, at the edge, so that the aggregate and the platform-wide
 * register only ever see one spelling of a number.
 */
@Requires(Permission.WRITE)
@RestController
class PhoneNumberWriteController {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final Set<String> NOT_NULL = Set.of("phone_number", "provider", "status");
    private static final Map<String, String> READ_ONLY = Map.of(
            "usage", "is counted by the platform and cannot be written",
            "purchased_at", "is set by the server and cannot be written",
            "last_used", "is set by the platform and cannot be written");
    private static final Map<String, Boolean> DEFAULT_CAPABILITIES = Map.of("voice", true, "sms", false);

    private final Commands commands;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final WriteResponses responses;

    PhoneNumberWriteController(Commands commands, Ids ids, JsonRequestReader reader, WriteResponses responses) {
        this.commands = commands;
        this.ids = ids;
        this.reader = reader;
        this.responses = responses;
    }

    @PostMapping(
            path = {"/api/phone-numbers", "/api/phone-numbers/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(
            @RequestBody JsonNode body, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        // a price is an amount of a currency: with one, the currency is as required as the number
        Set<String> required = body != null && body.hasNonNull("monthly_price")
                ? Set.of("phone_number", "currency")
                : Set.of("phone_number");
        JsonRequestReader.Sent<PhoneNumberRequest> sent =
                reader.read(body, PhoneNumberRequest.class, READ_ONLY, required, NOT_NULL);
        String id = ids.next();
        commands.send(new CreatePhoneNumber(id, caller.organizationId(), newConfiguration(sent)), caller.actor());
        return responses.created(location(id), id, 1, caller, authorization);
    }

    @RequestMapping(
            path = "/api/phone-numbers/{id}",
            method = {RequestMethod.PUT, RequestMethod.PATCH},
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requirePhoneNumberId(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
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
        long revision = commands.send(
                new UpdatePhoneNumber(id, caller.organizationId(), expectedRevision, changes, changed), caller.actor());
        return responses.updated(location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/phone-numbers/{id}")
    ResponseEntity<Object> delete(
            @PathVariable String id,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requirePhoneNumberId(id);
        long revision = commands.send(
                new DeletePhoneNumber(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch)), caller.actor());
        return responses.deleted(location(id), id, revision, caller, authorization);
    }

    /** An id this platform cannot have issued is unknown without asking the event store. */
    static void requirePhoneNumberId(String id) {
        if (id.length() != 36 || !id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0)) {
            throw Refusal.notFound("Phone number", id);
        }
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

    private static String location(String id) {
        return "/api/phone-numbers/" + id;
    }

    /** Undo a release; {@code 409} if its E.164 number was taken meanwhile. */
    @PostMapping("/api/phone-numbers/{id}/restore")
    ResponseEntity<Object> restore(
            @PathVariable String id, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        requirePhoneNumberId(id);
        long revision = commands.send(new RestorePhoneNumber(id, caller.organizationId()), caller.actor());
        return responses.updated(location(id), id, revision, caller, authorization);
    }
}
