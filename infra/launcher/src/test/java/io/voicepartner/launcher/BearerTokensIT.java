package io.voicepartner.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.support.security.KeyIds;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Forged and stale bearer tokens, each built here by hand: only an HS256 token signed with the
 * platform's key (or its previous one, after a rotation) and naming it as {@code kid}, with a subject, inside its
 * validity window, is let in. The tests know the keys the platform runs with ({@link TestKeys}), so that a token
 * made with the right key shows which claim alone is refused.
 */
class BearerTokensIT extends PlatformIT {

    private static final byte[] KEY = TestKeys.TOKEN_KEY.getBytes(UTF_8);
    private static final byte[] PREVIOUS_KEY = TestKeys.PREVIOUS_TOKEN_KEY.getBytes(UTF_8);
    /** The development key the repository published until issue 17, with which platforms signed by default. */
    private static final byte[] PUBLISHED_KEY = "development-only-secret-key-change-me-0123456789".getBytes(UTF_8);

    @Test
    void aTokenMadeHereWithTheRightKeyAndClaimsIsAccepted() {
        Api.User user = api().signUp();

        Api.Response me = withToken(hs("HS256", KEY, claims(user.id(), 0, 600, null)));

        assertThat(me.status()).as("the forging itself is right: " + me).isEqualTo(200);
    }

    @Test
    void aTokenTheIssuedTokensResembleIsAcceptedAndCarriesTheKeyId() {
        Api.User user = api().signUp();
        String header = new String(Base64.getUrlDecoder().decode(user.token().split("\\.")[0]), UTF_8);

        assertThat(header).contains("\"kid\":\"" + KeyIds.of(KEY) + "\"");
    }

    @Test
    void aTokenSignedWithThePreviousKeyBeforeTheRotationIsAcceptedUntilItExpires() {
        Api.User user = api().signUp();

        Api.Response me = withToken(hs("HS256", PREVIOUS_KEY, claims(user.id(), 0, 600, null)));

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(withToken(hs("HS256", PREVIOUS_KEY, claims(user.id(), -3_600, -60, null)))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTokenSignedWithTheKeyOncePublishedInTheRepositoryIsRefused() {
        Api.User user = api().signUp();
        Map<String, Object> valid = claims(user.id(), 0, 600, null);

        for (String token :
                new String[] {hsWithKeyId("HS256", PUBLISHED_KEY, valid, null), hs("HS256", PUBLISHED_KEY, valid)}) {
            Api.Response refused = withToken(token);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.error().path("code").asText()).isEqualTo("unauthorized");
        }
    }

    @Test
    void forgedTokensAreRefused() throws GeneralSecurityException {
        Api.User user = api().signUp();
        Map<String, Object> valid = claims(user.id(), 0, 600, null);
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();

        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("alg none", unsigned("none", valid));
        forgeries.put("alg None", unsigned("None", valid));
        forgeries.put(
                "alg NONE with the real signature kept",
                unsigned("NONE", valid)
                        + hs("HS256", KEY, valid)
                                .substring(hs("HS256", KEY, valid).lastIndexOf('.') + 1));
        forgeries.put(
                "wrong key", hs("HS256", "another-secret-key-of-enough-length-0123456789".getBytes(UTF_8), valid));
        forgeries.put("the right key, no kid", hsWithKeyId("HS256", KEY, valid, null));
        forgeries.put(
                "the right key, the previous key's kid", hsWithKeyId("HS256", KEY, valid, KeyIds.of(PREVIOUS_KEY)));
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

    /** A token as the platform issues them: its {@code kid} names the key that signed it. */
    private static String hs(String algorithm, byte[] key, Map<String, Object> claims) {
        return hsWithKeyId(algorithm, key, claims, KeyIds.of(key));
    }

    private static String hsWithKeyId(String algorithm, byte[] key, Map<String, Object> claims, String keyId) {
        return hsWithHeader(algorithm, key, claims, "Hmac" + algorithm.replace("HS", "SHA"), keyId);
    }

    private static String hsWithHeader(String headerAlgorithm, byte[] key, Map<String, Object> claims) {
        return hsWithHeader(headerAlgorithm, key, claims, "HmacSHA256", KeyIds.of(key));
    }

    private static String hsWithHeader(
            String headerAlgorithm, byte[] key, Map<String, Object> claims, String mac, String keyId) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", headerAlgorithm);
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String signingInput = part(header) + "." + part(claims);
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
