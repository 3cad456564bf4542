package io.voicepartner.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature as the Standard Webhooks specification's own example has it. */
class WebhookSignatureTest {

    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsExample() {
        assertThat(WebhookSignature.header(ID, TIMESTAMP, BODY, List.of(SECRET)))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void signsWithEverySecretSpaceSeparatedDuringARotation() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        String header = WebhookSignature.header(ID, TIMESTAMP, BODY, List.of(other, SECRET));

        assertThat(header.split(" ")).hasSize(2).endsWith(SIGNATURE);
    }
}
