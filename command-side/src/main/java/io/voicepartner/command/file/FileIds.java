package io.voicepartner.command.file;

import io.voicepartner.command.common.Refusal;

/** File ids as routes see them. */
final class FileIds {

    private FileIds() {}

    /** An id this platform cannot have issued (not a UUID) is unknown without asking the event store. */
    static void require(String id) {
        if (id.length() != 36 || !id.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0)) {
            throw Refusal.notFound("File", id);
        }
    }

    static String location(String id) {
        return "/api/files/" + id;
    }
}
