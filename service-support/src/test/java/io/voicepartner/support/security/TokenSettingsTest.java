package io.voicepartner.support.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** HS256 needs a key of at least 256 bits: a shorter SECRET_KEY stops the start-up instead of weakening every token. */
class TokenSettingsTest {

    @Test
    void refusesAKeyShorterThan256Bits() {
        assertThatIllegalStateException().isThrownBy(() -> new TokenSettings("k".repeat(31), 30, false))
                .withMessageContaining("SECRET_KEY");
        assertThatIllegalStateException().isThrownBy(() -> new TokenSettings("ü".repeat(15), 30, true))
                .withMessageContaining("32 bytes");
    }

    @Test
    void acceptsA256BitKey() {
        assertThat(new TokenSettings("k".repeat(32), 30, true).secretKeyBytes()).hasSize(32);
    }

    @Test
    void refusesTheDevelopmentKeyInProduction() {
        assertThatIllegalStateException().isThrownBy(() -> new TokenSettings(null, 30, true))
                .withMessageContaining("production");
        assertThat(new TokenSettings(null, 30, false).secretKey()).isEqualTo(TokenSettings.DEVELOPMENT_KEY);
    }
}
