package io.voicepartner.launcher;

import io.voicepartner.support.security.TokenSettings;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and stale bearer tokens, each built here by hand: only an HS256 token signed with the
 * platform's key, with a subject, inside its validity window, is let in. The tests run with the
 * development key, so that a token made with the right key shows which claim alone is refused.
 */
class BearerTokensIT extends PlatformIT {

    private static final byte[] KEY = TokenSettings.DEVELOPMENT_KEY.getBytes(UTF_8);

    @Test
    void aTokenMadeHereWithTheRightKeyAndClaimsIsAccepted() {
        Api.User user = api().signUp();

        Api.Response me = withToken(hs("HS256", KEY, claims(user.id(), 0, 600, null)));

        assertThat(me.status()).as("the forging itself is right: " + me).isEqualTo(200);
    }

    @Test
    void forgedTokensAreRefused() throws GeneralSecurityException {
        Api.User user = api().signUp();
        Map<String, Object> valid = claims(user.id(), 0, 600, null);
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("alg none", unsigned("none", valid));
        forgeries.put("alg None", unsigned("None", valid));
        forgeries.put("alg NONE with the real signature kept", unsigned("NONE", valid)
                + hs("HS256", KEY, valid).substring(hs("HS256", KEY, valid).lastIndexOf('.') + 1));
        forgeries.put("wrong key", hs("HS256", "another-secret-key-of-enough-length-0123456789".getBytes(UTF_8), valid));
        forgeries.put("HS512 with the right key", hs("HS512", KEY, valid));
        forgeries.put("HS384 with the right key", hs("HS384", KEY, valid));
        forgeries.put("RS256 signed by a stranger's key", rs256(rsa, valid));
        forgeries.put("RS256 header, HMAC signature with the key (alg confusion)", hsWithHeader("RS256", KEY, valid));
        forgeries.put("expired", hs("HS256", KEY, claims(user.id(), -3_600, -60, null)));
        forgeries.put("not yet valid", hs("HS256", KEY, claims(user.id(), 0, 3_600, 600L)));
        forgeries.put("issued in the future, not yet valid", hs("HS256", KEY, claims(user.id(), 1_800, 3_600, 1_800L)));
        forgeries.put("no expiry", hs("HS256", KEY, Map.of("sub", user.id(), "iat", now())));
        forgeries.put("no subject", hs("HS256", KEY, Map.of("exp", now() + 600, "iat", now())));
        forgeries.put("tampered subject", tamperedSubject(hs("HS256", KEY, valid)));
        forgeries.put("empty signature", hs("HS256", KEY, valid).replaceAll("\\.[^.]*$", "."));

        forgeries.forEach((what, token) -> {
            Api.Response refused = withToken(token);
            assertThat(refused.status()).as(what + ": " + refused).isEqualTo(401);
            assertThat(refused.error().path("code").asText()).as(what).isEqualTo("unauthorized");
            assertThat(refused.text()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        });
    }

    private Api.Response withToken(String token) {
        return api().withHeader("Authorization", "Bearer " + token).get("/api/users/me");
    }

    private static Map<String, Object> claims(String subject, long issuedIn, long expiresIn, Long notBeforeIn) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("iat", now() + issuedIn);
        claims.put("exp", now() + expiresIn);
        if (notBeforeIn != null) {
            claims.put("nbf", now() + notBeforeIn);
        }
        return claims;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String hs(String algorithm, byte[] key, Map<String, Object> claims) {
        return hsWithHeader(algorithm, key, claims, "Hmac" + algorithm.replace("HS", "SHA"));
    }

    private static String hsWithHeader(String headerAlgorithm, byte[] key, Map<String, Object> claims) {
        return hsWithHeader(headerAlgorithm, key, claims, "HmacSHA256");
    }

    private static String hsWithHeader(String headerAlgorithm, byte[] key, Map<String, Object> claims, String mac) {
        String signingInput = part(Map.of("alg", headerAlgorithm, "typ", "JWT")) + "." + part(claims);
        try {
            Mac hmac = Mac.getInstance(mac);
            hmac.init(new SecretKeySpec(key, mac));
            return signingInput + "." + encode(hmac.doFinal(signingInput.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(KeyPair keys, Map<String, Object> claims) throws GeneralSecurityException {
        String signingInput = part(Map.of("alg", "RS256", "typ", "JWT")) + "." + part(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(UTF_8));
        return signingInput + "." + encode(signature.sign());
    }

    private static String unsigned(String algorithm, Map<String, Object> claims) {
        return part(Map.of("alg", algorithm, "typ", "JWT")) + "." + part(claims) + ".";
    }

    private static String tamperedSubject(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(Map.of("sub", "someone-else", "exp", now() + 600)) + "." + parts[2];
    }

    private static String part(Map<String, ?> json) {
        return encode(Api.write(json).getBytes(UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
