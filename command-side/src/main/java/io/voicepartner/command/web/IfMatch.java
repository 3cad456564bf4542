package io.voicepartner.command.web;

import io.voicepartner.support.web.ApiException;

/** {@code If-Match: "<revision>"} as the revision a write expects; absent means "the latest". */
public final class IfMatch {

    private IfMatch() {
    }

    public static Long expectedRevision(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long revision = Long.parseLong(tag);
            if (revision < 1) {
                throw new NumberFormatException();
            }
            return revision;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("If-Match", "must be an entity tag from this API, like \"3\"");
        }
    }
}
