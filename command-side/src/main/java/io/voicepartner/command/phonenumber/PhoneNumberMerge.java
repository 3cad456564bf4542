package io.voicepartner.command.phonenumber;

import static io.voicepartner.api.phonenumber.PhoneNumberField.ASSISTANT_ID;
import static io.voicepartner.api.phonenumber.PhoneNumberField.ASSISTANT_VERSION;
import static io.voicepartner.api.phonenumber.PhoneNumberField.CAPABILITIES;
import static io.voicepartner.api.phonenumber.PhoneNumberField.CONFIGURATION;
import static io.voicepartner.api.phonenumber.PhoneNumberField.COUNTRY;
import static io.voicepartner.api.phonenumber.PhoneNumberField.CURRENCY;
import static io.voicepartner.api.phonenumber.PhoneNumberField.FRIENDLY_NAME;
import static io.voicepartner.api.phonenumber.PhoneNumberField.LOCALITY;
import static io.voicepartner.api.phonenumber.PhoneNumberField.MONTHLY_PRICE;
import static io.voicepartner.api.phonenumber.PhoneNumberField.PHONE_NUMBER;
import static io.voicepartner.api.phonenumber.PhoneNumberField.PROVIDER;
import static io.voicepartner.api.phonenumber.PhoneNumberField.REGION;
import static io.voicepartner.api.phonenumber.PhoneNumberField.STATUS;

import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.command.common.JsonMergePatch;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * JSON Merge Patch (RFC 7396) over a phone number's configuration: the named fields take their new value
 * ({@code null} clears them), every other field is kept, and {@code capabilities} and {@code configuration}
 * are merged key by key.
 */
final class PhoneNumberMerge {

    private PhoneNumberMerge() {}

    @SuppressWarnings("unchecked")
    static PhoneNumberConfiguration merge(
            PhoneNumberConfiguration current, PhoneNumberConfiguration changes, Set<PhoneNumberField> changed) {
        Map<PhoneNumberField, Object> values = fieldsOf(current);
        Map<PhoneNumberField, Object> patch = fieldsOf(changes);
        for (PhoneNumberField field : changed) {
            Object value = field == CAPABILITIES || field == CONFIGURATION
                    ? JsonMergePatch.merge((Map<String, ?>) values.get(field), (Map<String, ?>) patch.get(field))
                    : patch.get(field);
            values.put(field, value);
        }
        return configurationOf(values);
    }

    /** The fields whose value differs between two configurations: what an update really changed. */
    static Set<PhoneNumberField> differences(PhoneNumberConfiguration before, PhoneNumberConfiguration after) {
        Map<PhoneNumberField, Object> old = fieldsOf(before);
        Map<PhoneNumberField, Object> current = fieldsOf(after);
        Set<PhoneNumberField> changed = EnumSet.noneOf(PhoneNumberField.class);
        for (PhoneNumberField field : PhoneNumberField.values()) {
            if (!Objects.equals(old.get(field), current.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    /** {@link JsonMergePatch#merge} for capabilities, whose values are all booleans. */
    @SuppressWarnings("unchecked")
    static Map<String, Boolean> mergeCapabilities(Map<String, Boolean> target, Map<String, Boolean> patch) {
        return (Map<String, Boolean>) (Map<String, ?>) JsonMergePatch.merge(target, patch);
    }

    private static Map<PhoneNumberField, Object> fieldsOf(PhoneNumberConfiguration c) {
        Map<PhoneNumberField, Object> values = new EnumMap<>(PhoneNumberField.class);
        values.put(PHONE_NUMBER, c.phoneNumber());
        values.put(FRIENDLY_NAME, c.friendlyName());
        values.put(CAPABILITIES, c.capabilities());
        values.put(COUNTRY, c.country());
        values.put(REGION, c.region());
        values.put(LOCALITY, c.locality());
        values.put(PROVIDER, c.provider());
        values.put(MONTHLY_PRICE, c.monthlyPrice());
        values.put(CURRENCY, c.currency());
        values.put(CONFIGURATION, c.configuration());
        values.put(STATUS, c.status());
        values.put(ASSISTANT_ID, c.assistantId());
        values.put(ASSISTANT_VERSION, c.assistantVersion());
        return values;
    }

    @SuppressWarnings("unchecked")
    private static PhoneNumberConfiguration configurationOf(Map<PhoneNumberField, Object> v) {
        return new PhoneNumberConfiguration(
                (String) v.get(PHONE_NUMBER),
                (String) v.get(FRIENDLY_NAME),
                (Map<String, Boolean>) v.get(CAPABILITIES),
                (String) v.get(COUNTRY),
                (String) v.get(REGION),
                (String) v.get(LOCALITY),
                (PhoneNumberProvider) v.get(PROVIDER),
                (String) v.get(MONTHLY_PRICE),
                (String) v.get(CURRENCY),
                (Map<String, Object>) v.get(CONFIGURATION),
                (PhoneNumberStatus) v.get(STATUS),
                (String) v.get(ASSISTANT_ID),
                (Integer) v.get(ASSISTANT_VERSION));
    }
}
