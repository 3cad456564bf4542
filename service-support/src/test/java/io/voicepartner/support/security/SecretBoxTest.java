package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.voicepartner.api.common.SecretValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Credentials leave the web edge only encrypted, and only this platform's key opens them again. */
class SecretBoxTest {

    private static final String KEY = randomKey();
    private static final String OTHER_KEY = randomKey();

    private final SecretBox box = new SecretBox(KEY, "");

    @Test
    void decryptsWhatItEncrypted() {
        SecretValue sealed = box.encrypt("sk_live_51HxQ2eKz7Tn");

        assertThat(box.decrypt(sealed)).isEqualTo("sk_live_51HxQ2eKz7Tn");
    }

    @Test
    void keepsNoTraceOfTheSecretInTheCiphertext() {
        SecretValue sealed = box.encrypt("sk_live_51HxQ2eKz7Tn");

        assertThat(sealed.ciphertext()).startsWith("v2:" + keyId(KEY) + ":").doesNotContain("sk_live");
        assertThat(new String(Base64.getDecoder().decode(sealed(sealed)), StandardCharsets.UTF_8))
                .doesNotContain("sk_live");
    }

    @Test
    void encryptsTheSameSecretDifferentlyEachTime() {
        assertThat(box.encrypt("sk_live_51HxQ2eKz7Tn").ciphertext())
                .isNotEqualTo(box.encrypt("sk_live_51HxQ2eKz7Tn").ciphertext());
    }

    @Test
    void showsTheLastFourCharactersOfASecretOfTwelveOrMore() {
        assertThat(box.encrypt("abcdefgh1234").lastFour()).isEqualTo("1234");
        assertThat(box.encrypt("sk_live_51HxQ2eKz7Tn").lastFour()).isEqualTo("z7Tn");
    }

    @Test
    void showsNothingOfAShorterSecret() {
        assertThat(box.encrypt("abcdefg1234").lastFour()).isEmpty();
        assertThat(box.encrypt("").lastFour()).isEmpty();
    }

    @Test
    void roundTripsSecretsBeyondAscii() {
        assertThat(box.decrypt(box.encrypt("pässwörd-🔑-geheim"))).isEqualTo("pässwörd-🔑-geheim");
    }

    @Test
    void refusesACiphertextThatWasAltered() {
        SecretValue sealed = box.encrypt("sk_live_51HxQ2eKz7Tn");
        byte[] bytes = Base64.getDecoder().decode(sealed(sealed));
        bytes[bytes.length - 1] ^= 1;
        SecretValue tampered = new SecretValue(
                "v2:" + keyId(KEY) + ":" + Base64.getEncoder().encodeToString(bytes), sealed.lastFour());

        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(tampered));
    }

    /** One cipher serves a thread's every value: a refusal, a key change or the other direction leave it sound. */
    @Test
    void opensAndSealsValueAfterValueOnOneThreadWhateverWentBefore() {
        SecretBox other = new SecretBox(OTHER_KEY, "");
        SecretValue sealed = box.encrypt("sk_live_51HxQ2eKz7Tn");
        SecretValue foreign = other.encrypt("sk_test_9aB8cD7eF6gH");
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(foreign));

        for (int i = 0; i < 100; i++) {
            assertThat(box.decrypt(sealed)).isEqualTo("sk_live_51HxQ2eKz7Tn");
            assertThat(other.decrypt(foreign)).isEqualTo("sk_test_9aB8cD7eF6gH");
            assertThat(box.decrypt(box.encrypt("value-" + i))).isEqualTo("value-" + i);
        }
    }

    @Test
    void refusesACiphertextMadeWithAnotherKey() {
        SecretValue sealed = new SecretBox(OTHER_KEY, "").encrypt("sk_live_51HxQ2eKz7Tn");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> box.decrypt(sealed))
                .withMessageContaining("SECRETS_KEY_PREVIOUS");
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(keyless(sealed)));
    }

    @Test
    void refusesWhatIsNoCiphertextOfItsOwn() {
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(new SecretValue("sk_live_51HxQ2eKz7Tn", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(new SecretValue("v1:%%%", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(new SecretValue("v1:AAAA", "")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> box.decrypt(new SecretValue("v2:" + keyId(KEY) + ":AAAA", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(new SecretValue("v2:AAAA", "")));
    }

    @Test
    void tellsTwoEncryptionsOfOneSecretFromEncryptionsOfDifferentOnes() {
        SecretValue once = box.encrypt("sk_live_51HxQ2eKz7Tn");

        assertThat(box.same(once, box.encrypt("sk_live_51HxQ2eKz7Tn"))).isTrue();
        assertThat(box.same(once, box.encrypt("sk_test_51HxQ2eKz7Tn"))).isFalse();
        assertThat(box.same(box.encrypt("short"), box.encrypt("other"))).isFalse();
    }

    @Test
    void refusesToStartWithoutAKeySayingWhatToSet() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new SecretBox("", ""))
                .withMessageContaining("SECRETS_KEY is not set")
                .withMessageContaining("openssl rand -base64 32");
        assertThatIllegalStateException()
                .isThrownBy(() -> new SecretBox(null, null))
                .withMessageContaining("SECRETS_KEY is not set");
    }

    @Test
    void neverEncryptsWithTheKeyThatWasPublishedInTheRepository() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new SecretBox(SecretBox.PUBLISHED_KEY, ""))
                .withMessageContaining("published in the repository");
    }

    @Test
    void readsWhatAPreviousKeySealedAndReEncryptsItUnderTheCurrentKey() {
        SecretValue old = new SecretBox(OTHER_KEY, "").encrypt("sk_live_51HxQ2eKz7Tn");
        SecretBox rotated = new SecretBox(KEY, OTHER_KEY);

        SecretValue current = rotated.underCurrentKey(old);

        assertThat(rotated.decrypt(old)).isEqualTo("sk_live_51HxQ2eKz7Tn");
        assertThat(current.ciphertext()).startsWith("v2:" + keyId(KEY) + ":");
        assertThat(current.lastFour()).isEqualTo(old.lastFour());
        assertThat(box.decrypt(current)).isEqualTo("sk_live_51HxQ2eKz7Tn");
        assertThat(rotated.underCurrentKey(current)).isSameAs(current);
    }

    /**
     * Values stored before key ids, {@code v1:} + base64(nonce, ciphertext, tag), are opened by whichever
     * configured key fits, the current or a previous one, and re-encrypted with a key id when written.
     */
    @Test
    void readsTheFormatWithoutAKeyIdUnderAnyConfiguredKey() {
        SecretValue underCurrent = keyless(box.encrypt("sk_live_51HxQ2eKz7Tn"));
        SecretValue underPrevious = keyless(new SecretBox(OTHER_KEY, "").encrypt("sk_test_0000abcd"));
        SecretBox rotated = new SecretBox(KEY, OTHER_KEY);

        assertThat(rotated.decrypt(underCurrent)).isEqualTo("sk_live_51HxQ2eKz7Tn");
        assertThat(rotated.decrypt(underPrevious)).isEqualTo("sk_test_0000abcd");
        assertThat(rotated.underCurrentKey(underCurrent).ciphertext()).startsWith("v2:" + keyId(KEY) + ":");
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(underPrevious));
    }

    /** What a local platform stored before issue 17 can be read once, to be re-encrypted under a key of its own. */
    @Test
    void acceptsThePublishedKeyOnlyAsAPreviousKey() {
        SecretBox local = new SecretBox(KEY, SecretBox.PUBLISHED_KEY + "," + OTHER_KEY);

        assertThat(local.decrypt(local.encrypt("sk_live_51HxQ2eKz7Tn"))).isEqualTo("sk_live_51HxQ2eKz7Tn");
        assertThat(local.encrypt("x").ciphertext()).startsWith("v2:" + keyId(KEY) + ":");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String keyId(String base64Key) {
        return KeyIds.of(Base64.getDecoder().decode(base64Key));
    }

    /** The base64 part of a sealed value. */
    private static String sealed(SecretValue value) {
        return value.ciphertext().substring(value.ciphertext().lastIndexOf(':') + 1);
    }

    /** The same sealed bytes in the format of before key ids. */
    private static SecretValue keyless(SecretValue value) {
        return new SecretValue("v1:" + sealed(value), value.lastFour());
    }

    @Test
    void refusesAKeyThatIsNotTheBase64OfThirtyTwoBytes() {
        assertThatIllegalStateException().isThrownBy(() -> new SecretBox("not base64!", ""));
        assertThatIllegalStateException()
                .isThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), ""));
        assertThatIllegalStateException()
                .isThrownBy(() -> new SecretBox(KEY, "not base64!"))
                .withMessageContaining("SECRETS_KEY_PREVIOUS");
    }
}
