package io.voicepartner.command.web;

import io.voicepartner.support.web.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code If-Match: "<revision>"} as the revision a write expects; absent (or {@code *}) means "the latest".
 * As RFC 9110 has it, a well-formed entity tag that is no revision of ours ({@code "0"}, {@code "abc"}) is a
 * precondition that is false, answered {@code 412} by the revision check; only a malformed header is a
 * {@code 400}. A bare number is accepted as its quoted form, as clients have sent it.
 */
public final class IfMatch {

    /** A revision no resource ever has (they count from 1): what a tag that names no revision expects. */
    static final long NO_REVISION = 0;

    private static final Pattern ENTITY_TAG = Pattern.compile("(?:W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"");
    private static final Pattern BARE_REVISION = Pattern.compile("[0-9]{1,18}");

    private IfMatch() {}

    public static Long expectedRevision(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim();
        Matcher tag = ENTITY_TAG.matcher(value);
        if (tag.matches()) {
            return revision(tag.group(1));
        }
        if (BARE_REVISION.matcher(value).matches()) {
            return revision(value);
        }
        throw ApiException.invalid("If-Match", "must be an entity tag from this API, like \"3\"");
    }

    private static long revision(String opaque) {
        if (!BARE_REVISION.matcher(opaque).matches()) {
            return NO_REVISION;
        }
        return Math.max(Long.parseLong(opaque), NO_REVISION);
    }
}
