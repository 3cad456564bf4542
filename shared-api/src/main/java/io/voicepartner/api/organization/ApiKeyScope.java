package io.voicepartner.api.organization;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;

/**
 * What an API key may do in its organization, each the counterpart of one thing a member's role lets them do. A key
 * has one or more of them and nothing else: never what manages the organization itself (members, invitations,
 * keys), and never what acts for a person (their account, their organizations).
 */
public enum ApiKeyScope {
    /** Read the organization's configuration: assistants, versions, tools, files, phone numbers, their history and usage. */
    CONFIG_READ("config:read"),
    /** Create, change, delete, publish and restore that configuration, and test tools. */
    CONFIG_WRITE("config:write"),
    /** Report tool executions and calls, as the voice runtime does. */
    USAGE_WRITE("usage:write"),
    /** Read the analytics figures. */
    ANALYTICS_READ("analytics:read"),
    /** Read the audit log. */
    AUDIT_READ("audit:read"),
    /** Look up what answers a phone number at call start, credentials included (the voice runtime's). */
    RUNTIME_READ("runtime:read");

    private final String wireName;

    ApiKeyScope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ApiKeyScope fromWireName(String value) {
        return WireNames.parse(ApiKeyScope.class, value, ApiKeyScope::wireName);
    }
}
