package io.voicepartner.api.messaging;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The event contract: what a value may be for every consumer of an event to take it (ADR 0019). An accepted
 * event is kept forever and must be published to Kafka and stored by every read model and by analytics, so
 * the command side refuses at its edge, before any command is sent, whatever breaks one of these limits:
 *
 * <ul>
 *   <li>free-form JSON objects ({@code capabilities}, a tool's {@code parameters}, a file assignment's
 *       {@code config}, …) nest at most {@link #MAX_DEPTH} levels;</li>
 *   <li>no string, value or key, holds a character PostgreSQL cannot store ({@code U+0000}) or half of a
 *       UTF-16 surrogate pair (no UTF-8 encoding exists for it);</li>
 *   <li>every number is finite and a JSON integer fits in 64 bits;</li>
 *   <li>every time is within {@link #EARLIEST_TIME} and {@link #LATEST_TIME}: PostgreSQL's range, in years
 *       the platform's JSON writes with four digits;</li>
 *   <li>a string stored in a bounded read-model column is at most as long as the column
 *       ({@link #BOUNDED_COLUMNS} lists each, and a test compares it with the migrated schemas);</li>
 *   <li>the Kafka record value of every event, its envelope as the publisher writes it, is at most
 *       {@link #MAX_EVENT_BYTES}.</li>
 * </ul>
 *
 * Lengths count UTF-16 units, as Jakarta Validation does: never fewer than the characters PostgreSQL counts.
 */
public final class EventLimits {

    /** How deep a free-form JSON object may nest, itself counting as the first level. */
    public static final int MAX_DEPTH = 32;

    /**
     * The largest Kafka record value (the envelope's JSON) an event may have: half of the producer's
     * {@code max.request.size} and of the broker's {@code message.max.bytes} (both 1 MiB by default), which
     * leaves room for the key, the headers and the record batch's overhead.
     */
    public static final int MAX_EVENT_BYTES = 512 * 1024;

    /** The earliest time an event may carry: PostgreSQL's {@code timestamptz} reaches further back, ISO 8601 without an era does not. */
    public static final Instant EARLIEST_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest time an event may carry: the last one written with a four-digit year. */
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    /** Every id the platform makes (a UUIDv7, 36 characters) and every id a client names. */
    public static final int ID = 64;

    public static final int NAME = 200;
    /** The id a reporter gives an execution or a call ({@code execution_id}, {@code call_id}), so that a resent report is counted once. */
    public static final int REPORTER_ID = 200;

    public static final int PROVIDER = 100;
    public static final int MODEL = 200;
    public static final int VOICE_ID = 200;
    /** A BCP-47 language tag as the read model keeps it; RFC 5646 asks every implementation for 35. */
    public static final int LANGUAGE_TAG = 35;

    public static final int ENDPOINT = 2048;
    public static final int CATEGORY = 100;
    public static final int EMAIL = 254;
    public static final int VERSION_NOTE = 500;
    public static final int REGION = 100;
    public static final int LOCALITY = 100;
    /** E.164: a plus and at most 15 digits. */
    public static final int E164_NUMBER = 16;
    /** ISO 3166-1 alpha-2. */
    public static final int COUNTRY = 2;
    /** ISO 4217. */
    public static final int CURRENCY = 3;
    /** The stored name of a file: its id and its type's extension. */
    public static final int STORED_FILE_NAME = 100;

    public static final int ORIGINAL_FILE_NAME = 255;
    public static final int STORAGE_LOCATION = 2048;
    /** A SHA-256 in hex. */
    public static final int SHA256_HEX = 64;
    /** An enumeration's wire name ({@code status}, {@code provider}, {@code direction}). */
    public static final int ENUM_NAME = 16;
    /** An HTTP method's name. */
    public static final int HTTP_METHOD = 8;
    /** A file type's wire name ({@code docx}). */
    public static final int FILE_TYPE = 8;
    /** An event type's name ({@code AssistantVersionPublished}). */
    public static final int EVENT_TYPE = 64;
    /** An aggregate type's wire name ({@code phone_number}). */
    public static final int AGGREGATE_TYPE = 32;
    /** An API key's shown beginning: {@code vp_} and 8 characters. */
    public static final int API_KEY_PREFIX = 16;
    /** An API key's scopes as the tables keep them, space-separated: all six of them take 75 characters. */
    public static final int API_KEY_SCOPES = 100;
    /** An API key's keyed hash: the hash key's id (8), a colon and 64 hex digits. */
    public static final int API_KEY_HASH = 80;
    /** An {@code X-Request-Id} the platform takes from a client, or one it made (a UUID). */
    public static final int REQUEST_ID = 128;

    /**
     * Every bounded ({@code varchar(n)}) column of the read models and of analytics that holds event data,
     * as {@code schema.table.column}, with the limit of the values the edge accepts for it.
     */
    public static final Map<String, Integer> BOUNDED_COLUMNS = Map.ofEntries(
            Map.entry("query.assistants.id", ID),
            Map.entry("query.assistants.owner_id", ID),
            Map.entry("query.assistants.created_by", ID),
            Map.entry("query.assistants.name", NAME),
            Map.entry("query.assistants.llm_provider", PROVIDER),
            Map.entry("query.assistants.llm_model", MODEL),
            Map.entry("query.assistants.voice_provider", PROVIDER),
            Map.entry("query.assistants.voice_id", VOICE_ID),
            Map.entry("query.assistants.language", LANGUAGE_TAG),
            Map.entry("query.assistants.fallback_language", LANGUAGE_TAG),
            Map.entry("query.assistants.status", ENUM_NAME),
            Map.entry("query.assistant_versions.assistant_id", ID),
            Map.entry("query.assistant_versions.owner_id", ID),
            Map.entry("query.assistant_versions.note", VERSION_NOTE),
            Map.entry("query.assistant_versions.config_hash", SHA256_HEX),
            Map.entry("query.assistant_versions.published_by", ID),
            Map.entry("query.assistant_tools.assistant_id", ID),
            Map.entry("query.assistant_tools.tool_id", ID),
            Map.entry("query.assistant_files.assistant_id", ID),
            Map.entry("query.assistant_files.file_id", ID),
            Map.entry("query.users.id", ID),
            Map.entry("query.tools.id", ID),
            Map.entry("query.tools.owner_id", ID),
            Map.entry("query.tools.created_by", ID),
            Map.entry("query.tools.name", NAME),
            Map.entry("query.tools.endpoint", ENDPOINT),
            Map.entry("query.tools.method", HTTP_METHOD),
            Map.entry("query.tools.category", CATEGORY),
            Map.entry("query.phone_numbers.id", ID),
            Map.entry("query.phone_numbers.owner_id", ID),
            Map.entry("query.phone_numbers.created_by", ID),
            Map.entry("query.phone_numbers.phone_number", E164_NUMBER),
            Map.entry("query.phone_numbers.friendly_name", NAME),
            Map.entry("query.phone_numbers.country", COUNTRY),
            Map.entry("query.phone_numbers.region", REGION),
            Map.entry("query.phone_numbers.locality", LOCALITY),
            Map.entry("query.phone_numbers.provider", ENUM_NAME),
            Map.entry("query.phone_numbers.currency", CURRENCY),
            Map.entry("query.phone_numbers.status", ENUM_NAME),
            Map.entry("query.phone_numbers.assistant_id", ID),
            Map.entry("query.files.id", ID),
            Map.entry("query.files.owner_id", ID),
            Map.entry("query.files.created_by", ID),
            Map.entry("query.files.filename", STORED_FILE_NAME),
            Map.entry("query.files.original_name", ORIGINAL_FILE_NAME),
            Map.entry("query.files.file_type", FILE_TYPE),
            Map.entry("query.files.storage_location", STORAGE_LOCATION),
            Map.entry("query.files.sha256", SHA256_HEX),
            Map.entry("query.files.status", ENUM_NAME),
            Map.entry("query.files.text_location", STORAGE_LOCATION),
            Map.entry("query.files.text_sha256", SHA256_HEX),
            Map.entry("query.tool_executions.tool_id", ID),
            Map.entry("query.tool_executions.execution_id", REPORTER_ID),
            Map.entry("query.tool_executions.id", ID),
            Map.entry("query.tool_executions.owner_id", ID),
            Map.entry("query.tool_executions.assistant_id", ID),
            Map.entry("query.tool_usage.tool_id", ID),
            Map.entry("query.phone_calls.phone_number_id", ID),
            Map.entry("query.phone_calls.call_id", REPORTER_ID),
            Map.entry("query.phone_calls.id", ID),
            Map.entry("query.phone_calls.owner_id", ID),
            Map.entry("query.phone_calls.assistant_id", ID),
            Map.entry("query.phone_calls.direction", ENUM_NAME),
            Map.entry("query.phone_number_usage.phone_number_id", ID),
            Map.entry("query.history.aggregate_id", ID),
            Map.entry("query.history.aggregate_type", AGGREGATE_TYPE),
            Map.entry("query.history.owner_id", ID),
            Map.entry("query.history.type", EVENT_TYPE),
            Map.entry("query.history.actor", ID),
            Map.entry("query.organizations.id", ID),
            Map.entry("query.organizations.created_by", ID),
            Map.entry("query.organization_members.organization_id", ID),
            Map.entry("query.organization_members.user_id", ID),
            Map.entry("query.organization_members.role", ENUM_NAME),
            Map.entry("query.organization_invitations.id", ID),
            Map.entry("query.organization_invitations.organization_id", ID),
            Map.entry("query.organization_invitations.role", ENUM_NAME),
            Map.entry("query.organization_invitations.status", ENUM_NAME),
            Map.entry("query.organization_invitations.created_by", ID),
            Map.entry("query.api_keys.id", ID),
            Map.entry("query.api_keys.organization_id", ID),
            Map.entry("query.api_keys.prefix", API_KEY_PREFIX),
            Map.entry("query.api_keys.name", NAME),
            Map.entry("query.api_keys.scopes", API_KEY_SCOPES),
            Map.entry("query.api_keys.secret_hash", API_KEY_HASH),
            Map.entry("query.api_keys.created_by", ID),
            Map.entry("query.audit_log.organization_id", ID),
            Map.entry("query.audit_log.id", ID),
            Map.entry("query.audit_log.actor_type", ENUM_NAME),
            Map.entry("query.audit_log.actor_id", ID),
            Map.entry("query.audit_log.action", EVENT_TYPE),
            Map.entry("query.audit_log.resource_type", AGGREGATE_TYPE),
            Map.entry("query.audit_log.resource_id", ID),
            Map.entry("query.audit_log.request_id", REQUEST_ID),
            Map.entry("query.events.id", ID),
            Map.entry("query.events.organization_id", ID),
            Map.entry("query.events.type", EVENT_TYPE),
            Map.entry("query.events.resource_type", AGGREGATE_TYPE),
            Map.entry("query.events.resource_id", ID),
            Map.entry("query.events.actor", ID),
            Map.entry("query.token_generations.user_id", ID),
            Map.entry("query.revoked_tokens.token_id", ID),
            Map.entry("query.revoked_tokens.user_id", ID),
            Map.entry("analytics.assistants_created.event_id", ID),
            Map.entry("analytics.assistants_created.owner_id", ID),
            Map.entry("analytics.assistants_created.assistant_id", ID),
            Map.entry("analytics.tool_executions.event_id", ID),
            Map.entry("analytics.tool_executions.owner_id", ID),
            Map.entry("analytics.tool_executions.tool_id", ID),
            Map.entry("analytics.tool_executions.assistant_id", ID),
            Map.entry("analytics.file_uploads.event_id", ID),
            Map.entry("analytics.file_uploads.owner_id", ID),
            Map.entry("analytics.file_uploads.file_id", ID),
            Map.entry("analytics.calls.event_id", ID),
            Map.entry("analytics.calls.owner_id", ID),
            Map.entry("analytics.calls.phone_number_id", ID),
            Map.entry("analytics.calls.assistant_id", ID),
            Map.entry("analytics.calls.direction", ENUM_NAME),
            Map.entry("analytics.organizations.id", ID),
            Map.entry("analytics.organization_members.organization_id", ID),
            Map.entry("analytics.organization_members.user_id", ID),
            Map.entry("analytics.organization_members.role", ENUM_NAME),
            Map.entry("analytics.api_keys.id", ID),
            Map.entry("analytics.api_keys.organization_id", ID),
            Map.entry("analytics.api_keys.prefix", API_KEY_PREFIX),
            Map.entry("analytics.api_keys.name", NAME),
            Map.entry("analytics.api_keys.scopes", API_KEY_SCOPES),
            Map.entry("analytics.api_keys.secret_hash", API_KEY_HASH),
            Map.entry("analytics.api_keys.created_by", ID),
            Map.entry("analytics.token_generations.user_id", ID),
            Map.entry("analytics.revoked_tokens.token_id", ID),
            Map.entry("analytics.revoked_tokens.user_id", ID));

    /** Bounded columns that hold no event data: what the platform itself writes about its own work. */
    public static final Set<String> NOT_EVENT_DATA = Set.of(
            "query.rebuilds.read_models",
            "query.rebuilds.status",
            "query.api_key_uses.key_id",
            "query.feed_generation.id");

    private EventLimits() {}

    /** Whether an event may carry this time (see {@link #EARLIEST_TIME}, {@link #LATEST_TIME}). */
    public static boolean isStorable(Instant time) {
        return !time.isBefore(EARLIEST_TIME) && !time.isAfter(LATEST_TIME);
    }

    /**
     * What keeps a string out of an event, or {@code null} if nothing does: a NUL character, which no
     * PostgreSQL text or JSONB value holds, or half of a surrogate pair, which has no UTF-8 encoding.
     */
    public static String unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain half of a UTF-16 surrogate pair (\\u"
                        + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")";
            }
        }
        return null;
    }
}
