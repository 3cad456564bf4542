package io.voicepartner.query.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The differences between two configurations in the shape of a version's ({@code assistant}, {@code tools},
 * {@code files}): the assistant's fields that differ, each as {@code {from, to}}, and the tools and files
 * added, removed, or changed (with their own fields as {@code {from, to}}). A field missing on one side
 * counts as {@code null}; nested objects ({@code capabilities}, {@code parameters}) compare whole.
 */
final class VersionDiff {

    /** @param name the tool's name or the file's filename, as the newer side (or else the older) shows it */
    record Item(String id, String name) {}

    record ChangedItem(String id, String name, Map<String, Change> fields) {}

    record Items(List<Item> added, List<Item> removed, List<ChangedItem> changed) {}

    record Change(JsonNode from, JsonNode to) {}

    /** @param to a version number, or {@code "current"} for the draft */
    record Differences(int from, String to, boolean identical, Map<String, Change> fields, Items tools, Items files) {}

    private VersionDiff() {}

    static Differences between(int fromNumber, String to, JsonNode from, JsonNode target) {
        Map<String, Change> fields = fields(from.path("assistant"), target.path("assistant"));
        Items tools = items(from.path("tools"), target.path("tools"), "name");
        Items files = items(from.path("files"), target.path("files"), "filename");
        boolean identical = fields.isEmpty()
                && tools.added().isEmpty()
                && tools.removed().isEmpty()
                && tools.changed().isEmpty()
                && files.added().isEmpty()
                && files.removed().isEmpty()
                && files.changed().isEmpty();
        return new Differences(fromNumber, to, identical, fields, tools, files);
    }

    private static Map<String, Change> fields(JsonNode from, JsonNode to) {
        TreeSet<String> names = new TreeSet<>();
        from.fieldNames().forEachRemaining(names::add);
        to.fieldNames().forEachRemaining(names::add);
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String name : names) {
            JsonNode before = valueOf(from, name);
            JsonNode after = valueOf(to, name);
            if (!before.equals(after)) {
                changes.put(name, new Change(before, after));
            }
        }
        return changes;
    }

    private static Items items(JsonNode from, JsonNode to, String nameField) {
        Map<String, JsonNode> before = byId(from);
        Map<String, JsonNode> after = byId(to);
        List<Item> added = new ArrayList<>();
        List<Item> removed = new ArrayList<>();
        List<ChangedItem> changed = new ArrayList<>();
        after.forEach((id, item) -> {
            if (!before.containsKey(id)) {
                added.add(new Item(id, item.path(nameField).asText(null)));
            }
        });
        before.forEach((id, item) -> {
            JsonNode now = after.get(id);
            if (now == null) {
                removed.add(new Item(id, item.path(nameField).asText(null)));
            } else if (!Objects.equals(item, now)) {
                ObjectNode older = item.deepCopy();
                ObjectNode newer = now.deepCopy();
                older.remove("id");
                newer.remove("id");
                changed.add(new ChangedItem(id, now.path(nameField).asText(null), fields(older, newer)));
            }
        });
        return new Items(added, removed, changed);
    }

    private static Map<String, JsonNode> byId(JsonNode items) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            byId.put(item.path("id").asText(), item);
        }
        return byId;
    }

    private static JsonNode valueOf(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null ? NullNode.getInstance() : value;
    }
}
