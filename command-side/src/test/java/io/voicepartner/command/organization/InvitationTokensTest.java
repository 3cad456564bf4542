package io.voicepartner.command.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** An invitation's token is a fresh 256-bit secret, found again by its SHA-256 alone. */
class InvitationTokensTest {

    @Test
    void issuesThirtyTwoRandomBytesAsBase64UrlAndTheirHash() {
        InvitationTokens.Issued issued = InvitationTokens.issue();

        assertThat(Base64.getUrlDecoder().decode(issued.token())).hasSize(32);
        assertThat(issued.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.hash()).matches("[0-9a-f]{64}");
        assertThat(InvitationTokens.hashOf(issued.token())).contains(issued.hash());
        assertThat(InvitationTokens.issue().token()).isNotEqualTo(issued.token());
    }

    @Test
    void hashesAsSha256Hex() {
        // as sha256sum computes it for 43 times "a"
        assertThat(InvitationTokens.hashOf("a".repeat(43)))
                .contains("66d34fba71f8f450f7e45598853e53bfc23bbd129027cbb131a2f4ffd7878cd0");
    }

    @Test
    void anythingThePlatformCannotHaveIssuedFindsNothing() {
        assertThat(InvitationTokens.hashOf("short")).isEmpty();
        assertThat(InvitationTokens.hashOf("a".repeat(42) + "=")).isEmpty();
        assertThat(InvitationTokens.hashOf("a".repeat(44))).isEmpty();
    }
}
