package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * There is no built-in key: a start without {@code SECRET_KEY}, with the key the repository once published, or
 * with one shorter than HS256 needs is refused, naming what to set.
 */
class TokenSettingsTest {

    static String randomKey() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void refusesToStartWithoutAKeySayingWhatToSet() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new TokenSettings(null, null, 30))
                .withMessageContaining("SECRET_KEY is not set")
                .withMessageContaining("openssl rand");
        assertThatIllegalStateException()
                .isThrownBy(() -> new TokenSettings(" ", null, 30))
                .withMessageContaining("SECRET_KEY is not set");
    }

    @Test
    void refusesTheKeyThatWasPublishedInTheRepository() {
        String published = "development-only-secret-key-change-me-0123456789";

        assertThatIllegalStateException()
                .isThrownBy(() -> new TokenSettings(published, null, 30))
                .withMessageContaining("SECRET_KEY is the development key once published");
        assertThatIllegalStateException()
                .isThrownBy(() -> new TokenSettings(randomKey(), published, 30))
                .withMessageContaining("SECRET_KEY_PREVIOUS is the development key once published");
    }

    @Test
    void refusesAKeyShorterThan256Bits() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new TokenSettings("k".repeat(31), null, 30))
                .withMessageContaining("SECRET_KEY");
        assertThatIllegalStateException()
                .isThrownBy(() -> new TokenSettings("ü".repeat(15), null, 30))
                .withMessageContaining("32 bytes");
        assertThatIllegalStateException()
                .isThrownBy(() -> new TokenSettings(randomKey(), "short", 30))
                .withMessageContaining("SECRET_KEY_PREVIOUS");
    }

    @Test
    void signsWithTheCurrentKeyAndVerifiesWithItAndThePreviousOne() {
        String current = randomKey();
        String previous = randomKey();

        TokenSettings settings = new TokenSettings(current, previous, 30);

        assertThat(settings.signingKey().bytes()).hasSize(current.length());
        assertThat(settings.verificationKeys())
                .hasSize(2)
                .containsKey(settings.signingKey().id());
        assertThat(new TokenSettings(current, "", 30).verificationKeys()).hasSize(1);
        assertThat(settings.toString()).doesNotContain(current).doesNotContain(previous);
    }
}
