package io.voicepartner.command.phonenumber;

import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.lookup.AssistantOwnership;
import io.voicepartner.command.lookup.PhoneNumberRegistry;
import io.voicepartner.command.lookup.PublishedVersions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform as the phone number's handlers see it, set up by a test: which numbers other phone numbers
 * hold and whose assistants exist. It remembers what it was asked, so that a test can say what was not.
 */
final class Lookups implements PhoneNumberRegistry, AssistantOwnership, PublishedVersions {

    private final Map<String, String> holders = new HashMap<>();
    private final Map<String, String> assistantOwners = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final Set<String> publishedVersions = new HashSet<>();

    Lookups numberHeldBy(String phoneNumber, String phoneNumberId) {
        holders.put(phoneNumber, phoneNumberId);
        return this;
    }

    Lookups assistantOf(String ownerId, String... assistantIds) {
        for (String assistantId : assistantIds) {
            assistantOwners.put(assistantId, ownerId);
        }
        return this;
    }

    Lookups published(String assistantId, int... numbers) {
        for (int number : numbers) {
            publishedVersions.add(assistantId + "/" + number);
        }
        return this;
    }

    @Override
    public void requirePublished(String assistantId, int number) {
        if (!publishedVersions.contains(assistantId + "/" + number)) {
            throw new Refusal(
                    ErrorCode.CONFLICT, "Assistant '" + assistantId + "' has not published version " + number);
        }
    }

    @Override
    public void requireAvailable(String phoneNumber, String phoneNumberId) {
        asked.add(phoneNumber);
        String holder = holders.get(phoneNumber);
        if (holder != null && !holder.equals(phoneNumberId)) {
            throw new Refusal(ErrorCode.CONFLICT, "Phone number " + phoneNumber + " is already in use.");
        }
    }

    @Override
    public void requireOwned(String ownerId, String assistantId) {
        asked.add(assistantId);
        if (!ownerId.equals(assistantOwners.get(assistantId))) {
            throw Refusal.notFound("Assistant", assistantId);
        }
    }

    /** The numbers and assistants the handlers asked about. */
    Set<String> asked() {
        return Set.copyOf(asked);
    }
}
