package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An API key is {@code vp_} and 256 random bits; what is kept of it is its HMAC under the platform's hash key,
 * named by that key's id, so that it is found under the current hash key and, after a rotation, under the previous
 * one, and under no other. There is no built-in hash key.
 */
class ApiKeySecretsTest {

    private static final String HASH_KEY = TokenSettingsTest.randomKey();
    private static final String PREVIOUS_HASH_KEY = TokenSettingsTest.randomKey();

    @Test
    void issuesAKeyOfTwoHundredFiftySixRandomBitsShowingOnlyItsPrefix() {
        ApiKeySecrets secrets = secrets(HASH_KEY, null);

        ApiKeySecrets.Issued issued = secrets.issue();

        assertThat(issued.key()).matches("vp_[A-Za-z0-9_-]{43}");
        assertThat(issued.prefix()).hasSize(11).isEqualTo(issued.key().substring(0, 11));
        assertThat(issued.secretHash()).matches("[A-Za-z0-9_-]{8}:[0-9a-f]{64}").doesNotContain(issued.key());
        assertThat(issued.toString()).doesNotContain(issued.key());
        assertThat(secrets.issue().key()).isNotEqualTo(issued.key());
    }

    @Test
    void findsAKeyByTheHashItWasStoredUnder() {
        ApiKeySecrets secrets = secrets(HASH_KEY, null);
        ApiKeySecrets.Issued issued = secrets.issue();

        assertThat(secrets.storedHashesOf(issued.key())).containsExactly(issued.secretHash());
        assertThat(secrets(HASH_KEY, null).storedHashesOf(issued.key())).containsExactly(issued.secretHash());
    }

    @Test
    void aKeyHashedBeforeARotationIsFoundUnderThePreviousHashKeyAndUnderNoOther() {
        ApiKeySecrets.Issued before = secrets(PREVIOUS_HASH_KEY, null).issue();

        assertThat(secrets(HASH_KEY, PREVIOUS_HASH_KEY).storedHashesOf(before.key()))
                .hasSize(2)
                .contains(before.secretHash());
        assertThat(secrets(HASH_KEY, null).storedHashesOf(before.key())).doesNotContain(before.secretHash());
    }

    @Test
    void whatNoKeyOfThisPlatformCouldBeFindsNothing() {
        ApiKeySecrets secrets = secrets(HASH_KEY, null);

        assertThat(secrets.storedHashesOf("vp_short")).isEmpty();
        assertThat(secrets.storedHashesOf("vp_" + "a".repeat(42) + "!")).isEmpty();
        assertThat(ApiKeySecrets.isApiKey("vp_" + "a".repeat(43))).isTrue();
        assertThat(ApiKeySecrets.isApiKey("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isFalse();
    }

    @Test
    void refusesToStartWithoutAHashKeySayingWhatToSet() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new ApiKeySettings(null, null, null))
                .withMessageContaining("API_KEY_HASH_KEY is not set")
                .withMessageContaining("openssl rand");
        assertThatIllegalStateException()
                .isThrownBy(() -> new ApiKeySettings(" ", null, null))
                .withMessageContaining("API_KEY_HASH_KEY is not set");
        assertThatIllegalStateException()
                .isThrownBy(() -> new ApiKeySettings("k".repeat(31), null, null))
                .withMessageContaining("at least 32 bytes");
        assertThatIllegalStateException()
                .isThrownBy(() -> new ApiKeySettings(HASH_KEY, "short", null))
                .withMessageContaining("API_KEY_HASH_KEY_PREVIOUS");
    }

    @Test
    void passesUsesOnEveryThirtySecondsUnlessToldOtherwise() {
        assertThat(new ApiKeySettings(HASH_KEY, "", null).usesFlushInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new ApiKeySettings(HASH_KEY, "", Duration.ofSeconds(1)).usesFlushInterval())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(new ApiKeySettings(HASH_KEY, PREVIOUS_HASH_KEY, null).toString())
                .doesNotContain(HASH_KEY)
                .doesNotContain(PREVIOUS_HASH_KEY);
    }

    private static ApiKeySecrets secrets(String hashKey, String previous) {
        return new ApiKeySecrets(new ApiKeySettings(hashKey, previous, null));
    }
}
