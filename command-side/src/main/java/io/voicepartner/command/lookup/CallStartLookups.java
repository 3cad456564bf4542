package io.voicepartner.command.lookup;

import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import java.time.Instant;
import java.util.Optional;

/**
 * What answers a phone number when a call reaches it, read from the lookups in one statement: they are kept in the
 * transaction of every append, so the answer is never older than the event store, and nothing is replayed per call.
 */
public interface CallStartLookups {

    /**
     * @param phoneNumber E.164
     * @return empty when the organization has no live number of that name: unknown, released, or another
     *         organization's, which this cannot tell apart
     */
    Optional<AnsweredNumber> find(String organizationId, String phoneNumber);

    /**
     * @param assistantLive whether {@code configuration.assistantId()} names an assistant that is not deleted (a
     *                      deleted assistant's numbers are unassigned by a processor of their own, moments later)
     * @param version       the version the number is pinned to, else its assistant's latest; {@code null} when the
     *                      number reaches no assistant or its assistant has published none
     */
    record AnsweredNumber(
            String phoneNumberId,
            PhoneNumberConfiguration configuration,
            boolean assistantLive,
            AnsweringVersion version) {}

    /** A published version as {@code AssistantVersionPublished} froze it, credentials still encrypted. */
    record AnsweringVersion(
            int number,
            String configHash,
            Instant publishedAt,
            String publishedBy,
            VersionConfiguration configuration) {}
}
