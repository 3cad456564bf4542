package io.voicepartner.support.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A person's key stored wrapped under the platform's key: only that key opens it, and only for that person. */
class KeyWrappingTest {

    private static final String PLATFORM_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final byte[] PERSONS_KEY = "a person's key, thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWrappedKeyUnwrapsUnderThePlatformKeyForItsSubjectAlone() {
        KeyWrapping wrapping = KeyWrapping.configured(PLATFORM_KEY, true);

        byte[] wrapped = wrapping.wrap("ada", PERSONS_KEY);

        assertThat(wrapped).isNotEqualTo(PERSONS_KEY).hasSize(12 + PERSONS_KEY.length + 16);
        assertThat(wrapping.unwrap("ada", wrapping.id(), wrapped)).isEqualTo(PERSONS_KEY);
        assertThatThrownBy(() -> wrapping.unwrap("grace", wrapping.id(), wrapped))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KeyWrapping.development().unwrap("ada", wrapping.id(), wrapped))
                .hasMessageContaining("PERSONAL_DATA_KEY is not");
    }

    @Test
    void aKeyStoredBeforeWrappingIsReadAsItIs() {
        assertThat(KeyWrapping.development().unwrap("ada", null, PERSONS_KEY)).isEqualTo(PERSONS_KEY);
    }

    @Test
    void productionRefusesNoKeyAndTheDevelopmentKey() {
        assertThatThrownBy(() -> KeyWrapping.configured("", true)).hasMessageContaining("PERSONAL_DATA_KEY is not set");
        assertThatThrownBy(() -> KeyWrapping.configured(KeyWrapping.DEVELOPMENT_KEY, true))
                .hasMessageContaining("development key");
        assertThatThrownBy(() -> KeyWrapping.configured("c2hvcnQ=", false)).hasMessageContaining("32 bytes");
        assertThat(KeyWrapping.configured("", false).id())
                .isEqualTo(KeyWrapping.development().id());
    }
}
