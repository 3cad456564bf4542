package io.voicepartner.api.messaging;

import java.util.List;

/**
 * Kafka header names: the envelope's fields without {@code data}, for consumers that route on headers
 * ({@link #ALL}, and the optional {@link #REQUEST_ID}).
 */
public final class EventHeaders {

    public static final String EVENT_ID = "event_id";
    public static final String TYPE = "type";
    public static final String AGGREGATE_TYPE = "aggregate_type";
    public static final String AGGREGATE_ID = "aggregate_id";
    public static final String REVISION = "revision";
    public static final String GLOBAL_POSITION = "global_position";
    public static final String OWNER_ID = "owner_id";
    public static final String ACTOR = "actor";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String SCHEMA_VERSION = "schema_version";

    /**
     * The {@code X-Request-Id} of the HTTP request that caused the event, for following a request from the
     * client's logs to every consumer's: the envelope's {@code request_id}, and like it absent on events no request
     * caused.
     */
    public static final String REQUEST_ID = "request_id";

    /** The envelope's fields: every record has these headers (a header whose value is null is left out). */
    public static final List<String> ALL = List.of(
            EVENT_ID,
            TYPE,
            AGGREGATE_TYPE,
            AGGREGATE_ID,
            REVISION,
            GLOBAL_POSITION,
            OWNER_ID,
            ACTOR,
            OCCURRED_AT,
            SCHEMA_VERSION);

    private EventHeaders() {}
}
