package io.voicepartner.command.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A header carrying a credential is encrypted and masked however its name is spelled. */
class HeaderNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Authorization",
                "Proxy-Authorization",
                "Cookie",
                "apikey",
                "ApiKey",
                "X-Api-Key",
                "X-API-KEY",
                "api_key",
                "X-Auth-User",
                "X-Auth-Token",
                "X-Access-Token",
                "Client-Secret",
                "X-Password",
                "X-Session-Id",
                "X-Credentials",
                "Private-Key-Id"
            })
    void treatsACredentialLikeNameAsASecret(String name) {
        assertThat(HeaderNames.carriesSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "Content-Type", "X-Trace", "User-Agent", "X-Request-Id", "X-Practice-Id"})
    void leavesOtherHeadersInClear(String name) {
        assertThat(HeaderNames.carriesSecret(name)).isFalse();
    }
}
