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
        KeyWrapping wrapping = KeyWrapping.configured(PLATFORM_KEY, "", true);

        byte[] wrapped = wrapping.wrap("ada", PERSONS_KEY);

        assertThat(wrapped).isNotEqualTo(PERSONS_KEY).hasSize(12 + PERSONS_KEY.length + 16);
        assertThat(wrapping.unwrap("ada", wrapping.id(), wrapped)).isEqualTo(PERSONS_KEY);
        assertThatThrownBy(() -> wrapping.unwrap("grace", wrapping.id(), wrapped))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KeyWrapping.development().unwrap("ada", wrapping.id(), wrapped))
                .hasMessageContaining("PERSONAL_DATA_KEY_PREVIOUS");
    }

    @Test
    void aKeyStoredBeforeWrappingIsReadAsItIs() {
        assertThat(KeyWrapping.development().unwrap("ada", null, PERSONS_KEY)).isEqualTo(PERSONS_KEY);
    }

    @Test
    void productionRefusesNoKeyAndTheDevelopmentKey() {
        assertThatThrownBy(() -> KeyWrapping.configured("", "", true))
                .hasMessageContaining("PERSONAL_DATA_KEY is not set");
        assertThatThrownBy(() -> KeyWrapping.configured(KeyWrapping.DEVELOPMENT_KEY, "", true))
                .hasMessageContaining("development key");
        assertThatThrownBy(() -> KeyWrapping.configured("c2hvcnQ=", "", false)).hasMessageContaining("32 bytes");
        assertThat(KeyWrapping.configured("", "", false).id())
                .isEqualTo(KeyWrapping.development().id());
    }

    @Test
    void aPreviousKeyUnwrapsWhatItWrappedWhileOnlyTheCurrentOneWraps() {
        KeyWrapping before = KeyWrapping.configured(PLATFORM_KEY, "", true);
        byte[] wrappedBefore = before.wrap("ada", PERSONS_KEY);
        String next = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        });

        KeyWrapping rotating = KeyWrapping.configured(next, " " + PLATFORM_KEY + " ,", true);

        assertThat(rotating.unwrap("ada", before.id(), wrappedBefore)).isEqualTo(PERSONS_KEY);
        assertThat(rotating.previousIds()).containsExactly(before.id());
        assertThat(rotating.id()).isNotEqualTo(before.id());
        byte[] wrappedNow = rotating.wrap("ada", PERSONS_KEY);
        assertThat(rotating.unwrap("ada", rotating.id(), wrappedNow)).isEqualTo(PERSONS_KEY);
        assertThatThrownBy(() -> before.unwrap("ada", rotating.id(), wrappedNow))
                .hasMessageContaining("PERSONAL_DATA_KEY_PREVIOUS");
        assertThat(KeyWrapping.configured(PLATFORM_KEY, PLATFORM_KEY, true).previousIds())
                .as("the current key is no previous one")
                .isEmpty();
    }

    @Test
    void productionRefusesTheDevelopmentKeyAsPreviousAndEveryBadPreviousIsNamed() {
        assertThatThrownBy(() -> KeyWrapping.configured(PLATFORM_KEY, KeyWrapping.DEVELOPMENT_KEY, true))
                .hasMessageContaining("PERSONAL_DATA_KEY_PREVIOUS")
                .hasMessageContaining("development key");
        assertThat(KeyWrapping.configured(PLATFORM_KEY, KeyWrapping.DEVELOPMENT_KEY, false)
                        .previousIds())
                .as("a development platform moves away from the published key by a rotation")
                .containsExactly(KeyWrapping.development().id());
        assertThatThrownBy(() -> KeyWrapping.configured(PLATFORM_KEY, "c2hvcnQ=", false))
                .hasMessageContaining("PERSONAL_DATA_KEY_PREVIOUS must be the base64 of 32 bytes");
        assertThatThrownBy(() -> KeyWrapping.configured(PLATFORM_KEY, "not base64!", false))
                .hasMessageContaining("PERSONAL_DATA_KEY_PREVIOUS is not base64");
    }
}
