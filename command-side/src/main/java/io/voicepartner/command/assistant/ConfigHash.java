package io.voicepartner.command.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.voicepartner.api.assistant.VersionConfiguration;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code config_hash} of a version: SHA-256, lower-case hex, over the canonical JSON of its frozen
 * configuration, which is the configuration as the event carries it (snake_case names) with the keys of
 * every object sorted, {@code null} fields kept and no whitespace, in UTF-8. Its own mapper, so that no
 * application setting can ever change what an earlier version's hash meant.
 */
final class ConfigHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ConfigHash() {}

    static String canonicalJson(VersionConfiguration configuration) {
        try {
            // through plain maps, whose keys the mapper sorts at every depth by their wire name
            Object plain = CANONICAL.treeToValue(CANONICAL.valueToTree(configuration), Object.class);
            return CANONICAL.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String of(VersionConfiguration configuration) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson(configuration).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
