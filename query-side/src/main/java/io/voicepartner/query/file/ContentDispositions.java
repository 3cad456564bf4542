package io.voicepartner.query.file;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a name a user chose: an ASCII {@code filename} for old
 * clients, with everything that could end or bend the quoted string replaced, and the exact name as
 * RFC 5987 {@code filename*} (UTF-8, percent-encoded), which every current browser prefers.
 */
final class ContentDispositions {

    private ContentDispositions() {}

    static String attachment(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7E]|[\"\\\\;]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
