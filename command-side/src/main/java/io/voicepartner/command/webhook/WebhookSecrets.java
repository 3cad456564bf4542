package io.voicepartner.command.webhook;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.support.security.SecretBox;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Makes the signing secrets of webhook endpoints as the Standard Webhooks specification has them: {@code whsec_} and
 * the base64 of 32 random bytes (the key of the HMAC, which the receiver decodes the same way). Each is shown once, in
 * the answer that made it, and travels onwards only encrypted ({@link SecretBox}).
 */
@Component
class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final SecretBox box;

    WebhookSecrets(SecretBox box) {
        this.box = box;
    }

    /** A new secret, in clear for its one answer and encrypted for its command. */
    record Issued(String secret, SecretValue encrypted) {

        @Override
        public String toString() {
            return "Issued[secret=" + SecretBox.MASK + "]";
        }
    }

    Issued issue() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        String secret = PREFIX + Base64.getEncoder().encodeToString(key);
        return new Issued(secret, box.encrypt(secret));
    }
}
