package io.voicepartner.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bundle's own terms: credential placeholders (where an export puts them, what a plan and an apply make of them),
 * refs derived from names, and the fingerprint a plan answers.
 */
class BundleTermsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anExportPutsAPlaceholderWhereTheEndpointsQueryHasAMaskedCredential() {
        assertThat(BundleForm.endpointWithPlaceholders("https://a.example.com/x?api_key=••••abcd&view=week", "cal"))
                .isEqualTo("https://a.example.com/x?api_key=${secret:cal.endpoint.api_key}&view=week");
        assertThat(BundleForm.endpointWithPlaceholders("https://a.example.com/x?view=week#top", "cal"))
                .isEqualTo("https://a.example.com/x?view=week#top");
    }

    @Test
    void aPlaceholderIsReplacedByItsSecretOrLeftAsItIsWithoutOne() {
        ObjectNode tool = tool();

        ObjectNode resolved = ToolSecrets.resolve(tool, Map.of("cal.authentication.token", "tok_1"), null);

        assertThat(resolved.path("authentication").path("token").asText()).isEqualTo("tok_1");
        assertThat(resolved.path("headers").path("X-Api-Key").asText()).isEqualTo("${secret:cal.headers.X-Api-Key}");
        assertThat(resolved.path("endpoint").asText()).isEqualTo("https://a.example.com/x?api_key=${secret:k}");
        assertThat(ToolSecrets.resolve(tool, Map.of(), "any").path("endpoint").asText())
                .isEqualTo("https://a.example.com/x?api_key=any");
        assertThat(tool.path("authentication").path("token").asText())
                .as("the bundle itself is left as it was")
                .isEqualTo("${secret:cal.authentication.token}");
    }

    @Test
    void placeholdersAreAlikeWhateverTheyNameSoThatARefOfOnesOwnIsNoChange() {
        JsonNode ours = read("{\"type\": \"bearer\", \"token\": \"${secret:mine.authentication.token}\"}");
        JsonNode exported = read("{\"type\": \"bearer\", \"token\": \"${secret:cal.authentication.token}\"}");
        JsonNode other = read("{\"type\": \"basic\", \"token\": \"${secret:cal.authentication.token}\"}");

        assertThat(ToolSecrets.canonical(ours)).isEqualTo(ToolSecrets.canonical(exported));
        assertThat(ToolSecrets.canonical(other)).isNotEqualTo(ToolSecrets.canonical(exported));
    }

    @Test
    void eachPlaceholderIsLocatedWhereTheStoredCredentialIs() {
        ObjectNode tool = tool();

        assertThat(ToolSecrets.locations("authentication", tool.path("authentication")))
                .containsExactly(Map.entry("authentication.token", "cal.authentication.token"));
        assertThat(ToolSecrets.locations("headers", tool.path("headers")))
                .containsExactly(Map.entry("headers.X-Api-Key", "cal.headers.X-Api-Key"));
        assertThat(ToolSecrets.locations("endpoint", tool.path("endpoint")))
                .containsExactly(Map.entry("endpoint.api_key", "k"));
        assertThat(ToolSecrets.names(tool.path("headers"))).containsExactly("cal.headers.X-Api-Key");
    }

    @Test
    void aFingerprintNamesEveryRevisionAndRefusesWhatNoPlanAnswered() {
        Fingerprint fingerprint = Fingerprint.of(Map.of("b", 2L, "a", 7L));

        assertThat(Fingerprint.decode(fingerprint.encoded()).revisions())
                .containsExactly(Map.entry("a", 7L), Map.entry("b", 2L));
        assertThat(Fingerprint.decode(Fingerprint.of(Map.of()).encoded()).revisions())
                .isEmpty();
        for (String forged : new String[] {"", "2.abc", "1.!!", "1.YT1ub25l"}) {
            assertThatThrownBy(() -> Fingerprint.decode(forged)).as(forged).hasMessageContaining("invalid fields");
        }
    }

    @Test
    void refsAreDerivedFromNames() {
        assertThat(BundleForm.slug("Front desk", Kind.ASSISTANT)).isEqualTo("front-desk");
        assertThat(BundleForm.slug("+49 30 1234567", Kind.PHONE_NUMBER)).isEqualTo("49-30-1234567");
        assertThat(BundleForm.slug("price-list.pdf", Kind.FILE)).isEqualTo("price-list-pdf");
        assertThat(BundleForm.slug("☎", Kind.PHONE_NUMBER)).isEqualTo("phone-number");
    }

    private static ObjectNode tool() {
        return (ObjectNode) read("""
                {"name": "Calendar", "endpoint": "https://a.example.com/x?api_key=${secret:k}",
                 "headers": {"Accept": "application/json", "X-Api-Key": "${secret:cal.headers.X-Api-Key}"},
                 "authentication": {"type": "bearer", "token": "${secret:cal.authentication.token}"}}
                """);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
