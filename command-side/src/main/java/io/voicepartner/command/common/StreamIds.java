package io.voicepartner.command.common;

/**
 * Which stream of the event store holds an aggregate's events. The store keys a stream by its identifier alone
 * ({@code (aggregate_identifier, sequence_number)} is unique whatever the aggregate's type), and every aggregate's
 * stream is keyed by its id, but an organization's: a personal organization has its user's id (ADR 0027), which
 * keys the user's own stream, so organizations' streams are keyed by their id under a prefix of their own.
 * Outside the store (routes, events, Kafka keys, refusals) an organization is named by its id alone.
 */
public final class StreamIds {

    private static final String ORGANIZATION = "organization:";

    private StreamIds() {}

    public static String ofOrganization(String organizationId) {
        return ORGANIZATION + organizationId;
    }

    /** The id of the aggregate whose stream this is, as everything outside the store names it. */
    public static String aggregateIdOf(String streamId) {
        return streamId.startsWith(ORGANIZATION) ? streamId.substring(ORGANIZATION.length()) : streamId;
    }
}
