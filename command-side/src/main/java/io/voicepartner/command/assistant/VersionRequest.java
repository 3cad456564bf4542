package io.voicepartner.command.assistant;

import jakarta.validation.constraints.Size;

/** The body of a publish: only a note, and even that is optional. */
record VersionRequest(@Size(max = 500) String note) {
}
