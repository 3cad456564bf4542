package io.voicepartner.command.tool;

import io.voicepartner.api.common.SecretValue;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Credentials leave the web edge only encrypted, and only this platform's key opens them again. */
class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    private final SecretBox box = new SecretBox(KEY, true);

    @Test
    void decryptsWhatItEncrypted() {
        SecretValue sealed = box.encrypt("sk_live_51HxQ2eKz7Tn");

        assertThat(box.decrypt(sealed)).isEqualTo("sk_live_51HxQ2eKz7Tn");
    }

    @Test
    void keepsNoTraceOfTheSecretInTheCiphertext() {
        SecretValue sealed = box.encrypt("sk_live_51HxQ2eKz7Tn");

        assertThat(sealed.ciphertext()).startsWith("v1:").doesNotContain("sk_live");
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext().substring(3)))).doesNotContain("sk_live");
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
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext().substring(3));
        bytes[bytes.length - 1] ^= 1;
        SecretValue tampered = new SecretValue("v1:" + Base64.getEncoder().encodeToString(bytes), sealed.lastFour());

        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(tampered));
    }

    @Test
    void refusesACiphertextMadeWithAnotherKey() {
        SecretValue sealed = new SecretBox(OTHER_KEY, true).encrypt("sk_live_51HxQ2eKz7Tn");

        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(sealed));
    }

    @Test
    void refusesWhatIsNoCiphertextOfItsOwn() {
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(new SecretValue("sk_live_51HxQ2eKz7Tn", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(new SecretValue("v1:%%%", "")));
        assertThatIllegalArgumentException().isThrownBy(() -> box.decrypt(new SecretValue("v1:AAAA", "")));
    }

    @Test
    void tellsTwoEncryptionsOfOneSecretFromEncryptionsOfDifferentOnes() {
        SecretValue once = box.encrypt("sk_live_51HxQ2eKz7Tn");

        assertThat(box.same(once, box.encrypt("sk_live_51HxQ2eKz7Tn"))).isTrue();
        assertThat(box.same(once, box.encrypt("sk_test_51HxQ2eKz7Tn"))).isFalse();
        assertThat(box.same(box.encrypt("short"), box.encrypt("other"))).isFalse();
    }

    @Test
    void usesTheDevelopmentKeyOnlyOutsideProduction() {
        SecretBox development = new SecretBox("", false);

        assertThat(development.decrypt(development.encrypt("sk_live_51HxQ2eKz7Tn"))).isEqualTo("sk_live_51HxQ2eKz7Tn");
        assertThatIllegalStateException().isThrownBy(() -> new SecretBox("", true))
                .withMessageContaining("SECRETS_KEY");
        assertThatIllegalStateException().isThrownBy(() -> new SecretBox(SecretBox.DEVELOPMENT_KEY, true))
                .withMessageContaining("SECRETS_KEY");
    }

    @Test
    void refusesAKeyThatIsNotTheBase64OfThirtyTwoBytes() {
        assertThatIllegalStateException().isThrownBy(() -> new SecretBox("not base64!", false));
        assertThatIllegalStateException().isThrownBy(
                () -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), false));
    }
}
