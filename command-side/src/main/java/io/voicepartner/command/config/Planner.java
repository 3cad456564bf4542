package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.web.ApiException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Compares a bundle with the organization's configuration and says, per resource, what applying it would do. A
 * bundle's resource is the organization's resource it matches: a phone number by its number, a file by its content
 * (SHA-256), else anything by its ref as an export derives it, else a tool or an assistant by its name. A field the
 * bundle leaves out is left as it is; objects the routes merge key by key ({@code capabilities}, a phone number's
 * {@code configuration}, a tool's {@code headers}) are compared as that merge would leave them. A credential written as
 * a placeholder is the stored one unless the request gives its secret, which is then compared with the stored one.
 */
@Component
class Planner {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> MERGED_ASSISTANT = Set.of("capabilities");
    private static final Set<String> MERGED_PHONE_NUMBER = Set.of("capabilities", "configuration");
    private static final Set<String> TOOL_CREDENTIAL_FIELDS = Set.of("endpoint", "headers", "authentication");

    private final StoredCredentials credentials;

    Planner(StoredCredentials credentials) {
        this.credentials = credentials;
    }

    /** A plan: every step, in the order an apply takes them, and the state it was made against. */
    /** @param ids the id of each ref of the bundle that matches a resource of the organization */
    record Planned(List<Step> steps, OrganizationState state, Map<String, String> ids) {}

    /**
     * @throws ApiException {@code 400} naming each file of the bundle the organization has no upload of
     */
    Planned plan(Bundle bundle, OrganizationState state, boolean prune, Map<String, String> secrets) {
        Map<Desired, Current> matches = match(bundle, state);
        List<FieldError> missing = bundle.of(Kind.FILE).stream()
                .filter(file -> !matches.containsKey(file))
                .map(file -> new FieldError(
                        file.path("sha256"),
                        "the organization has no file with this content; upload it first (POST /api/files)"))
                .toList();
        if (!missing.isEmpty()) {
            throw ApiException.invalid(missing);
        }
        Map<String, String> ids = new HashMap<>();
        matches.forEach((desired, current) -> ids.put(desired.ref(), current.id()));
        Map<String, String> currentRefs = new HashMap<>();
        state.resources().forEach(current -> currentRefs.put(current.ref(), current.id()));
        Relations relations = new Relations(ids, currentRefs);
        List<Step> steps = new ArrayList<>();
        for (Desired desired : bundle.resources()) {
            Current current = matches.get(desired);
            if (current == null) {
                steps.add(new Step(desired.kind(), desired.ref(), Action.CREATE, desired, null, Map.of()));
                continue;
            }
            Map<String, Step.FieldChange> changes = changes(desired, current, relations, secrets);
            steps.add(new Step(
                    desired.kind(),
                    desired.ref(),
                    changes.isEmpty() ? Action.UNCHANGED : Action.UPDATE,
                    desired,
                    current,
                    changes));
        }
        if (prune) {
            Set<Current> kept = new HashSet<>();
            kept.addAll(matches.values());
            state.resources().stream()
                    // a file's bytes and text are erased with it, which no apply could undo
                    .filter(current -> current.kind() != Kind.FILE && !kept.contains(current))
                    .forEach(current ->
                            steps.add(new Step(current.kind(), current.ref(), Action.DELETE, null, current, Map.of())));
        }
        return new Planned(List.copyOf(steps), state, Map.copyOf(ids));
    }

    private static Map<Desired, Current> match(Bundle bundle, OrganizationState state) {
        // a resource is its kind and place in the bundle: two alike are still two
        Map<Desired, Current> matches = new HashMap<>();
        for (Kind kind : Kind.values()) {
            List<Current> free = new ArrayList<>(state.of(kind));
            List<Desired> wanted = bundle.of(kind);
            if (kind == Kind.PHONE_NUMBER) {
                matchBy(
                        wanted,
                        free,
                        matches,
                        (d, c) -> d.key().equals(c.fields().path("phone_number").asText()));
            }
            if (kind == Kind.FILE) {
                // the same content uploaded twice: the one of the same name first
                matchBy(
                        wanted,
                        free,
                        matches,
                        (d, c) -> d.key().equals(sha256(c)) && d.name().equals(name(c)));
                matchBy(wanted, free, matches, (d, c) -> d.key().equals(sha256(c)));
                continue;
            }
            matchBy(wanted, free, matches, (d, c) -> d.ref().equals(c.ref()));
            if (kind == Kind.TOOL || kind == Kind.ASSISTANT) {
                matchBy(wanted, free, matches, (d, c) -> d.name().equals(name(c)));
            }
        }
        return matches;
    }

    private static void matchBy(
            List<Desired> wanted,
            List<Current> free,
            Map<Desired, Current> matches,
            BiPredicate<Desired, Current> same) {
        for (Desired desired : wanted) {
            if (matches.containsKey(desired)) {
                continue;
            }
            free.stream()
                    .filter(current -> same.test(desired, current))
                    .findFirst()
                    .ifPresent(current -> {
                        matches.put(desired, current);
                        free.remove(current);
                    });
        }
    }

    private static String sha256(Current file) {
        return file.fields().path("sha256").asText("").toLowerCase(Locale.ROOT);
    }

    private static String name(Current current) {
        return current.fields().path("name").asText("");
    }

    /** Refs resolved to ids: the bundle's (matched ones) and the organization's (as an export derives them). */
    private record Relations(Map<String, String> bundleIds, Map<String, String> currentIds) {

        /** A ref of the bundle as what it will be: the id it matches, or itself for what is still to be created. */
        String desired(String ref) {
            return bundleIds.getOrDefault(ref, "new:" + ref);
        }

        String current(String ref) {
            return currentIds.getOrDefault(ref, ref);
        }
    }

    private Map<String, Step.FieldChange> changes(
            Desired desired, Current current, Relations relations, Map<String, String> secrets) {
        Map<String, Step.FieldChange> changes = new LinkedHashMap<>();
        Map<String, String> stored = new HashMap<>();
        desired.fields().fieldNames().forEachRemaining(field -> {
            JsonNode want = desired.fields().get(field);
            JsonNode have = current.fields().path(field).isMissingNode()
                    ? NullNode.instance
                    : current.fields().get(field);
            if (differs(desired, current, field, want, have, relations, secrets, stored)) {
                changes.put(field, new Step.FieldChange(have, want));
            }
        });
        return changes;
    }

    private boolean differs(
            Desired desired,
            Current current,
            String field,
            JsonNode want,
            JsonNode have,
            Relations relations,
            Map<String, String> secrets,
            Map<String, String> stored) {
        return switch (desired.kind()) {
            case FILE -> field.equals("description") && !same(want, have);
            case ASSISTANT ->
                switch (field) {
                    case "tools" -> !toolIds(want, relations::desired).equals(toolIds(have, relations::current));
                    case "files" -> !files(want, relations::desired).equals(files(have, relations::current));
                    default -> MERGED_ASSISTANT.contains(field) ? !same(merged(have, want), have) : !same(want, have);
                };
            case PHONE_NUMBER ->
                switch (field) {
                    case "phone_number" -> !desired.key().equals(have.asText());
                    case "assistant" ->
                        !Objects.equals(
                                want.isNull() ? null : relations.desired(want.asText()),
                                have.isNull() ? null : relations.current(have.asText()));
                    case "monthly_price" -> !samePrice(want, have);
                    default ->
                        MERGED_PHONE_NUMBER.contains(field) ? !same(merged(have, want), have) : !same(want, have);
                };
            case TOOL ->
                TOOL_CREDENTIAL_FIELDS.contains(field)
                        ? toolFieldDiffers(current, field, want, have, secrets, stored)
                        : !same(want, have);
        };
    }

    /**
     * A credential field differs when its settings do (placeholders all alike), or when the request gives a secret
     * for one of its placeholders that is not the one stored.
     */
    private boolean toolFieldDiffers(
            Current current,
            String field,
            JsonNode want,
            JsonNode have,
            Map<String, String> secrets,
            Map<String, String> stored) {
        JsonNode wanted = ToolSecrets.canonical(want);
        JsonNode held = ToolSecrets.canonical(have);
        boolean settingsDiffer = field.equals("headers") ? !same(merged(held, wanted), held) : !same(wanted, held);
        if (settingsDiffer) {
            return true;
        }
        return ToolSecrets.locations(field, want).entrySet().stream()
                .filter(location -> secrets.containsKey(location.getValue()))
                .anyMatch(location -> {
                    if (stored.isEmpty()) {
                        stored.putAll(credentials.of(current.id()));
                    }
                    return !secrets.get(location.getValue()).equals(stored.get(location.getKey()));
                });
    }

    static Set<String> toolIds(JsonNode refs, Function<String, String> id) {
        Set<String> ids = new TreeSet<>();
        if (refs.isArray()) {
            refs.forEach(ref -> ids.add(id.apply(ref.asText())));
        }
        return ids;
    }

    static Map<String, JsonNode> files(JsonNode assigned, Function<String, String> id) {
        Map<String, JsonNode> files = new TreeMap<>();
        if (assigned.isArray()) {
            assigned.forEach(file -> files.put(
                    id.apply(file.path("ref").asText()),
                    file.path("config").isObject() ? file.get("config") : JSON.objectNode()));
        }
        return files;
    }

    /** What JSON Merge Patch (RFC 7396) makes of a value with a patch. */
    static JsonNode merged(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.objectNode();
        patch.fields().forEachRemaining(entry -> {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), merged(result.path(entry.getKey()), entry.getValue()));
            }
        });
        return result;
    }

    /** Equal as JSON values, numbers by value ({@code 1} is {@code 1.0}). */
    static boolean same(JsonNode a, JsonNode b) {
        Comparator<JsonNode> byValue = (x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return x.decimalValue().compareTo(y.decimalValue());
            }
            return x.equals(y) ? 0 : 1;
        };
        return a.equals(byValue, b);
    }

    private static boolean samePrice(JsonNode want, JsonNode have) {
        if (want.isNull() || have.isNull()) {
            return want.isNull() && have.isNull();
        }
        try {
            return new BigDecimal(want.asText()).compareTo(new BigDecimal(have.asText())) == 0
                    && new BigDecimal(want.asText()).toPlainString().equals(have.asText());
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
