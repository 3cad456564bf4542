package io.voicepartner.query.organization;

import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/** Where an invitation stands: only a pending one can still be accepted. */
enum InvitationStatus {
    PENDING,
    ACCEPTED,
    REVOKED,
    /** Pending past its {@code expires_at}: never stored, read so. */
    EXPIRED;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static InvitationStatus fromWireName(String value) {
        return WireNames.parse(InvitationStatus.class, value, InvitationStatus::wireName);
    }
}
