package io.voicepartner.command.web;

import java.util.Map;

/** What a route calls the resource whose id is in its path, as the refusals of each feature name it. */
final class ResourceKinds {

    private static final Map<String, String> BY_COLLECTION = Map.of(
            "assistants", "Assistant",
            "tools", "Tool",
            "files", "File",
            "phone-numbers", "Phone number",
            "organizations", "Organization",
            "webhook-endpoints", "Webhook endpoint");

    private ResourceKinds() {}

    /** The id in {@code /api/<collection>/<id>…}, or empty if the path has none. */
    static String idInPath(String path) {
        String[] segments = path.split("/");
        return segments.length >= 4 && segments[1].equals("api") ? segments[3] : "";
    }

    /**
     * @return the kind of resource {@code /api/<collection>/<id>…} names, if {@code id} is the one in that place;
     *         {@code Resource} otherwise
     */
    static String inPath(String path, String id) {
        String[] segments = path.split("/");
        if (segments.length >= 4 && segments[1].equals("api") && segments[3].equals(id)) {
            return BY_COLLECTION.getOrDefault(segments[2], "Resource");
        }
        return "Resource";
    }
}
