package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.command.assistant.AssistantCommands;
import io.voicepartner.command.phonenumber.PhoneNumberCommands;
import io.voicepartner.command.tool.ToolCommands;
import io.voicepartner.support.web.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads a bundle and checks all of it before anything is planned or written: its shape, its refs (unique in the
 * bundle, and every reference naming a resource of the bundle), and each resource's fields exactly as the resource's
 * own create route checks them ({@link ToolCommands}, {@link AssistantCommands}, {@link PhoneNumberCommands}), so that
 * a bundle is refused where a route would refuse it. Every problem is named at once, by its path in the request
 * ({@code bundle.assistants[0].temperature}).
 */
@Component
class BundleReader {

    static final int VERSION = 1;
    private static final Pattern REF = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final int MAX_FILE_DESCRIPTION = 2000;
    /** What a credential is while a bundle is checked, when the request does not give it. */
    private static final String ANY_SECRET = "checked-without-its-secret";

    private static final String VALIDATION_ID = "00000000-0000-0000-0000-000000000000";

    private final ToolCommands tools;
    private final AssistantCommands assistants;
    private final PhoneNumberCommands phoneNumbers;

    BundleReader(ToolCommands tools, AssistantCommands assistants, PhoneNumberCommands phoneNumbers) {
        this.tools = tools;
        this.assistants = assistants;
        this.phoneNumbers = phoneNumbers;
    }

    /**
     * @param secrets the request's credentials by the names the bundle's placeholders give them
     * @throws ApiException {@code 400} naming every problem
     */
    Bundle read(JsonNode bundle, Map<String, String> secrets, String organizationId) {
        List<FieldError> errors = new ArrayList<>();
        if (bundle == null || !bundle.isObject()) {
            throw ApiException.invalid("bundle", "must be an object with tools, files, assistants and phone_numbers");
        }
        Set<String> sections = new HashSet<>(List.of("version"));
        for (Kind kind : Kind.values()) {
            sections.add(kind.section());
        }
        bundle.fieldNames().forEachRemaining(name -> {
            if (!sections.contains(name)) {
                errors.add(new FieldError("bundle." + name, "is not a known field"));
            }
        });
        JsonNode version = bundle.path("version");
        if (!version.isMissingNode() && !(version.isIntegralNumber() && version.asInt() == VERSION)) {
            errors.add(new FieldError("bundle.version", "must be " + VERSION));
        }
        List<Desired> resources = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        for (Kind kind : Kind.values()) {
            JsonNode list = bundle.path(kind.section());
            if (list.isMissingNode() || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                errors.add(new FieldError("bundle." + kind.section(), "must be an array"));
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                read(kind, i, list.get(i), refs, errors).ifPresent(resources::add);
            }
        }
        List<Desired> keyed = new ArrayList<>();
        for (Desired resource : resources) {
            checkRelations(resource, resources, errors);
            keyed.add(checkFields(resource, secrets, organizationId, errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.stream()
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList());
        }
        return new Bundle(keyed);
    }

    private static java.util.Optional<Desired> read(
            Kind kind, int index, JsonNode node, Set<String> refs, List<FieldError> errors) {
        String path = "bundle." + kind.section() + "[" + index + "]";
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be an object"));
            return java.util.Optional.empty();
        }
        ObjectNode fields = ((ObjectNode) node).deepCopy();
        JsonNode givenRef = fields.remove("ref");
        Set<String> known = new HashSet<>(BundleForm.fields(kind));
        for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(path + "." + name, "is not a known field"));
            }
        }
        String ref;
        if (givenRef == null || givenRef.isNull()) {
            String base = BundleForm.slug(
                    fields.path(kind == Kind.PHONE_NUMBER ? "phone_number" : "name")
                            .asText(""),
                    kind);
            ref = base;
            for (int n = 2; refs.contains(ref); n++) {
                ref = base + "-" + n;
            }
        } else if (!givenRef.isTextual() || !REF.matcher(givenRef.asText()).matches()) {
            errors.add(new FieldError(
                    path + ".ref",
                    "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            return java.util.Optional.empty();
        } else {
            ref = givenRef.asText();
            if (refs.contains(ref)) {
                errors.add(new FieldError(path + ".ref", "'" + ref + "' is the ref of another resource of the bundle"));
            }
        }
        refs.add(ref);
        return java.util.Optional.of(new Desired(kind, index, ref, fields, null));
    }

    private static void checkRelations(Desired resource, List<Desired> all, List<FieldError> errors) {
        if (resource.kind() == Kind.ASSISTANT) {
            JsonNode tools = resource.fields().path("tools");
            if (!tools.isMissingNode() && !tools.isArray()) {
                errors.add(new FieldError(resource.path("tools"), "must be an array of tool refs"));
            }
            for (int i = 0; tools.isArray() && i < tools.size(); i++) {
                requireRef(tools.get(i), Kind.TOOL, resource.path("tools") + "[" + i + "]", all, errors);
            }
            JsonNode files = resource.fields().path("files");
            if (!files.isMissingNode() && !files.isArray()) {
                errors.add(new FieldError(resource.path("files"), "must be an array of {ref, config}"));
            }
            for (int i = 0; files.isArray() && i < files.size(); i++) {
                String path = resource.path("files") + "[" + i + "]";
                JsonNode file = files.get(i);
                if (!file.isObject()) {
                    errors.add(new FieldError(path, "must be an object {ref, config}"));
                    continue;
                }
                file.fieldNames().forEachRemaining(name -> {
                    if (!name.equals("ref") && !name.equals("config")) {
                        errors.add(new FieldError(path + "." + name, "is not a known field"));
                    }
                });
                requireRef(file.path("ref"), Kind.FILE, path + ".ref", all, errors);
                JsonNode config = file.path("config");
                if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
                    errors.add(new FieldError(path + ".config", "must be a JSON object"));
                }
            }
        }
        if (resource.kind() == Kind.PHONE_NUMBER) {
            JsonNode assistant = resource.fields().path("assistant");
            if (!assistant.isMissingNode() && !assistant.isNull()) {
                requireRef(assistant, Kind.ASSISTANT, resource.path("assistant"), all, errors);
            }
            JsonNode version = resource.fields().path("assistant_version");
            if (!version.isMissingNode()
                    && !version.isNull()
                    && !(version.isIntegralNumber() && version.canConvertToInt() && version.asInt() >= 1)) {
                errors.add(new FieldError(resource.path("assistant_version"), "must be a version number, 1 or more"));
            }
            if (version.isIntegralNumber() && (assistant.isMissingNode() || assistant.isNull())) {
                errors.add(new FieldError(resource.path("assistant_version"), "pins a version of no assistant"));
            }
        }
    }

    private static void requireRef(JsonNode ref, Kind kind, String path, List<Desired> all, List<FieldError> errors) {
        if (!ref.isTextual()) {
            errors.add(new FieldError(path, "must be the ref of one of the bundle's " + kind.section()));
            return;
        }
        boolean found = all.stream().anyMatch(r -> r.kind() == kind && r.ref().equals(ref.asText()));
        if (!found) {
            errors.add(
                    new FieldError(path, "names no " + kind.section() + " ref of the bundle: '" + ref.asText() + "'"));
        }
    }

    /** The resource's own fields, checked as its create route checks them; its key made from them. */
    private Desired checkFields(
            Desired resource, Map<String, String> secrets, String organizationId, List<FieldError> errors) {
        // unknown fields are named once, by the shape check
        ObjectNode writable = resource.fields().deepCopy();
        writable.retain(BundleForm.fields(resource.kind()));
        String key = null;
        try {
            switch (resource.kind()) {
                case TOOL ->
                    tools.create(VALIDATION_ID, organizationId, ToolSecrets.resolve(writable, secrets, ANY_SECRET));
                case ASSISTANT -> {
                    writable.remove(BundleForm.ASSISTANT_RELATIONS);
                    assistants.create(VALIDATION_ID, organizationId, writable);
                }
                case PHONE_NUMBER -> {
                    writable.remove(BundleForm.PHONE_NUMBER_RELATIONS);
                    key = phoneNumbers
                            .create(VALIDATION_ID, organizationId, writable)
                            .configuration()
                            .phoneNumber();
                }
                case FILE -> key = checkFile(resource, errors);
            }
        } catch (ApiException e) {
            if (e.details().isEmpty()) {
                errors.add(new FieldError(resource.path(), e.getMessage()));
            }
            e.details().forEach(error -> errors.add(new FieldError(resource.path(error.field()), error.message())));
        }
        return new Desired(resource.kind(), resource.index(), resource.ref(), resource.fields(), key);
    }

    /** A file is uploaded, not configured: the bundle names it by its content, and may change its description. */
    private static String checkFile(Desired file, List<FieldError> errors) {
        JsonNode sha256 = file.fields().path("sha256");
        if (!sha256.isTextual() || !SHA256.matcher(sha256.asText()).matches()) {
            errors.add(new FieldError(file.path("sha256"), "must be the SHA-256 of the file's content, 64 hex digits"));
            return null;
        }
        JsonNode description = file.fields().path("description");
        if (!description.isMissingNode() && !description.isNull()) {
            if (!description.isTextual()) {
                errors.add(new FieldError(file.path("description"), "must be a string"));
            } else if (description.asText().length() > MAX_FILE_DESCRIPTION) {
                errors.add(new FieldError(file.path("description"), "size must be between 0 and 2000"));
            }
        }
        return sha256.asText().toLowerCase(java.util.Locale.ROOT);
    }
}
