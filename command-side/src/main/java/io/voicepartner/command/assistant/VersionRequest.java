package io.voicepartner.command.assistant;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.Size;

/** The body of a publish: only a note, and even that is optional. */
record VersionRequest(@Size(max = EventLimits.VERSION_NOTE) String note) {}
