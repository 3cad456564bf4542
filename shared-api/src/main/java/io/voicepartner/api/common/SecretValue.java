package io.voicepartner.api.common;

/**
 * A credential as events carry it: encrypted (AES-GCM, key held by the command side only) and never
 * in clear text. {@code lastFour} is what a response may show ({@code "••••abcd"}); it is empty for
 * secrets shorter than twelve characters, which would give too much away.
 */
public record SecretValue(String ciphertext, String lastFour) {}
