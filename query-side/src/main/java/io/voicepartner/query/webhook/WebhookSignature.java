package io.voicepartner.query.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as the Standard Webhooks specification has it: {@code v1,} and the base64 of the HMAC-SHA256 of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the bytes the secret's base64 (after {@code whsec_})
 * stands for; one such signature per secret, space-separated, so that during a rotation a receiver that knows either
 * secret can verify.
 */
final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {}

    /** @param secrets in clear, {@code whsec_…} */
    static String header(String id, long timestampSeconds, String body, List<String> secrets) {
        String signed = id + "." + timestampSeconds + "." + body;
        return secrets.stream().map(secret -> "v1," + sign(signed, secret)).collect(Collectors.joining(" "));
    }

    private static String sign(String content, String secret) {
        String base64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }
}
