package io.voicepartner.command.common;

import io.voicepartner.api.web.ErrorCode;

/** A command an aggregate declines, with the stable error code the client sees. */
public class Refusal extends RuntimeException {

    private final ErrorCode code;

    public Refusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** Also what another user's aggregate looks like: its existence is never revealed. */
    public static Refusal notFound(String kind, String id) {
        return new Refusal(ErrorCode.NOT_FOUND, kind + " '" + id + "' was not found.");
    }

    public static Refusal revisionMismatch(long expected, long actual) {
        return new Refusal(ErrorCode.REVISION_MISMATCH,
                "If-Match expected revision " + expected + " but the resource is at revision " + actual + ".");
    }

    public ErrorCode code() {
        return code;
    }
}
