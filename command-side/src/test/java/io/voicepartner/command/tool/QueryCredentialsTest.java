package io.voicepartner.command.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.common.SecretValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials in an endpoint's query string are stored masked and encrypted apart, and sent as written. */
class QueryCredentialsTest {

    /** Stands for SecretBox: the "ciphertext" is the clear value reversed, the last four shown from 12 characters. */
    private static SecretValue encrypt(String clear) {
        return new SecretValue(
                new StringBuilder(clear).reverse().toString(),
                clear.length() >= 12 ? clear.substring(clear.length() - 4) : "");
    }

    private static String decrypt(SecretValue secret) {
        return new StringBuilder(secret.ciphertext()).reverse().toString();
    }

    @Test
    void masksEveryCredentialLikeParameterAndKeepsTheRest() {
        QueryCredentials.Secured secured = QueryCredentials.secure(
                "https://api.example.com/v1?api_key=s3cret-0123456789&x=1&sig=abc%2Fdef&access_token=t#top",
                QueryCredentialsTest::encrypt);

        assertThat(secured.endpoint())
                .isEqualTo("https://api.example.com/v1?api_key=••••6789&x=1&sig=••••&access_token=••••#top");
        assertThat(secured.secrets()).containsOnlyKeys("api_key", "sig", "access_token");
        assertThat(decrypt(secured.secrets().get("sig"))).isEqualTo("abc%2Fdef");
    }

    @Test
    void theCallSendsTheValuesAsTheyWereWritten() {
        String endpoint = "https://api.example.com/v1?api_key=s3cret-0123456789&x=1&sig=abc%2Fdef";
        QueryCredentials.Secured secured = QueryCredentials.secure(endpoint, QueryCredentialsTest::encrypt);

        assertThat(QueryCredentials.reveal(secured.endpoint(), secured.secrets(), QueryCredentialsTest::decrypt))
                .isEqualTo(endpoint);
    }

    @Test
    void anEndpointWithoutCredentialsIsStoredAsItIs() {
        String endpoint = "https://api.example.com/v1?city=Berlin&units=metric&country_code=DE";

        QueryCredentials.Secured secured = QueryCredentials.secure(endpoint, QueryCredentialsTest::encrypt);

        assertThat(secured.endpoint()).isEqualTo(endpoint);
        assertThat(secured.secrets()).isEmpty();
        assertThat(QueryCredentials.reveal(endpoint, Map.of(), QueryCredentialsTest::decrypt))
                .isEqualTo(endpoint);
    }

    @Test
    void namesCredentialsHoweverTheyAreSpelled() {
        assertThat("apikey api_key X-Api-Key access_token client_secret password auth sig X-Amz-Signature pwd"
                        .split(" "))
                .allMatch(QueryCredentials::carriesSecret);
        assertThat("city units country_code design page q".split(" ")).noneMatch(QueryCredentials::carriesSecret);
    }

    @Test
    void refusesACredentialSentTwiceOrAsTheMask() {
        assertThat(QueryCredentials.problems("sig=a&sig=b"))
                .singleElement()
                .asString()
                .contains("'sig'", "once");
        assertThat(QueryCredentials.problems("api_key=%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A21234&x=1"))
                .singleElement()
                .asString()
                .contains("mask");
        assertThat(QueryCredentials.problems("x=1&x=2&api_key=k")).isEmpty();
    }
}
