package io.voicepartner.command.file;

import jakarta.validation.constraints.Size;

/** The body of a file update: its description is all a client can change; the file itself is uploaded anew. */
record FileRequest(
        @Size(max = FileUploads.MAX_DESCRIPTION_LENGTH) String description) {}
