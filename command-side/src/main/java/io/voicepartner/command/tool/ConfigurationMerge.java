package io.voicepartner.command.tool;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolField;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * JSON Merge Patch (RFC 7396) over a tool's configuration: the named fields take their new value, every
 * other field is kept. {@code endpoint} comes with the credentials of its query string, which it replaces whole. {@code headers} is merged header by header across plain and secret headers
 * ({@code null} removes one; names are case-insensitive, as in HTTP). {@code parameters} and
 * {@code authentication} are replaced whole: a JSON Schema merged key by key could become one nobody
 * validated, and an authentication of one type merged into another would mix their credentials.
 */
final class ConfigurationMerge {

    private static final Map<ToolField, Function<ToolConfiguration, Object>> VALUES = Map.of(
            ToolField.NAME, ToolConfiguration::name,
            ToolField.DESCRIPTION, ToolConfiguration::description,
            ToolField.ENDPOINT, c -> List.of(c.endpoint(), c.secretQueryParameters()),
            ToolField.METHOD, ToolConfiguration::method,
            ToolField.CATEGORY, ToolConfiguration::category,
            ToolField.PARAMETERS, ToolConfiguration::parameters,
            ToolField.HEADERS, c -> List.of(c.headers(), c.secretHeaders()),
            ToolField.AUTHENTICATION, ToolConfiguration::authentication,
            ToolField.IS_ACTIVE, ToolConfiguration::isActive);

    private ConfigurationMerge() {}

    /**
     * @param sameSecret whether two encrypted values hold the same secret: a secret sent again keeps its
     *                   stored ciphertext, so that re-sending it is no change
     */
    static ToolConfiguration merge(
            ToolConfiguration current,
            ToolConfiguration changes,
            Set<ToolField> changed,
            BiPredicate<SecretValue, SecretValue> sameSecret) {
        Headers headers = changed.contains(ToolField.HEADERS)
                ? mergeHeaders(current, changes, sameSecret)
                : new Headers(current.headers(), current.secretHeaders());
        ToolAuthentication authentication = changed.contains(ToolField.AUTHENTICATION)
                ? replaceAuthentication(current.authentication(), changes.authentication(), sameSecret)
                : current.authentication();
        Map<String, SecretValue> queryCredentials = changed.contains(ToolField.ENDPOINT)
                ? keepSameSecrets(current.secretQueryParameters(), changes.secretQueryParameters(), sameSecret)
                : current.secretQueryParameters();
        return new ToolConfiguration(
                pick(ToolField.NAME, changed, current.name(), changes.name()),
                pick(ToolField.DESCRIPTION, changed, current.description(), changes.description()),
                pick(ToolField.ENDPOINT, changed, current.endpoint(), changes.endpoint()),
                pick(ToolField.METHOD, changed, current.method(), changes.method()),
                pick(ToolField.CATEGORY, changed, current.category(), changes.category()),
                pick(ToolField.PARAMETERS, changed, current.parameters(), changes.parameters()),
                headers.plain(),
                headers.secret(),
                authentication,
                pick(ToolField.IS_ACTIVE, changed, current.isActive(), changes.isActive()),
                queryCredentials);
    }

    /** The endpoint's credentials as sent, each sent again unchanged keeping its stored ciphertext. */
    private static Map<String, SecretValue> keepSameSecrets(
            Map<String, SecretValue> current,
            Map<String, SecretValue> sent,
            BiPredicate<SecretValue, SecretValue> sameSecret) {
        Map<String, SecretValue> kept = new LinkedHashMap<>();
        sent.forEach((name, value) -> {
            SecretValue stored = current.get(name);
            kept.put(name, stored != null && sameSecret.test(stored, value) ? stored : value);
        });
        return kept;
    }

    /** The fields whose value differs between two configurations: what an update really changed. */
    static Set<ToolField> differences(ToolConfiguration before, ToolConfiguration after) {
        Set<ToolField> changed = EnumSet.noneOf(ToolField.class);
        VALUES.forEach((field, value) -> {
            if (!Objects.equals(value.apply(before), value.apply(after))) {
                changed.add(field);
            }
        });
        return changed;
    }

    private record Headers(Map<String, String> plain, Map<String, SecretValue> secret) {}

    /** {@code headers: null} clears them all; otherwise each header named replaces any of the same name. */
    private static Headers mergeHeaders(
            ToolConfiguration current, ToolConfiguration changes, BiPredicate<SecretValue, SecretValue> sameSecret) {
        if (changes.headers() == null && changes.secretHeaders() == null) {
            return new Headers(Map.of(), Map.of());
        }
        Map<String, String> plain = new LinkedHashMap<>(current.headers());
        Map<String, SecretValue> secret = new LinkedHashMap<>(current.secretHeaders());
        changes.headers().forEach((name, value) -> {
            remove(plain, name);
            remove(secret, name);
            if (value != null) {
                plain.put(name, value);
            }
        });
        changes.secretHeaders().forEach((name, value) -> {
            remove(plain, name);
            SecretValue kept = remove(secret, name);
            if (value != null) {
                secret.put(name, kept != null && sameSecret.test(kept, value) ? kept : value);
            }
        });
        return new Headers(plain, secret);
    }

    private static ToolAuthentication replaceAuthentication(
            ToolAuthentication current, ToolAuthentication sent, BiPredicate<SecretValue, SecretValue> sameSecret) {
        boolean same = current.type() == sent.type()
                && current.settings().equals(sent.settings())
                && current.secrets().keySet().equals(sent.secrets().keySet())
                && current.secrets().entrySet().stream()
                        .allMatch(secret -> sameSecret.test(
                                secret.getValue(), sent.secrets().get(secret.getKey())));
        return same ? current : sent;
    }

    /** Removes the entry named like {@code name} in any case, and answers its value. */
    private static <V> V remove(Map<String, V> headers, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        V removed = null;
        for (String existing : List.copyOf(headers.keySet())) {
            if (existing.toLowerCase(Locale.ROOT).equals(lower)) {
                removed = headers.remove(existing);
            }
        }
        return removed;
    }

    private static <T> T pick(ToolField field, Set<ToolField> changed, T current, T change) {
        return changed.contains(field) ? change : current;
    }
}
