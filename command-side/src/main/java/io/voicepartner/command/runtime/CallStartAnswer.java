package io.voicepartner.command.runtime;

import io.voicepartner.api.file.FileType;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.command.tool.CallableTool;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What answers a phone number when a call reaches it: the number, its assistant, the version that answers and that
 * version's frozen configuration, in the shape {@code GET /api/assistants/{id}/versions/{n}} shows it but with the
 * tools' credentials in clear.
 */
record CallStartAnswer(
        String organizationId,
        CallStartNumber phoneNumber,
        String assistantId,
        CallStartVersion version,
        CallStartConfiguration configuration) {

    /** The number as its owner configured it ({@code configuration} is theirs, free-form, for the runtime). */
    record CallStartNumber(
            String id,
            String phoneNumber,
            String friendlyName,
            PhoneNumberStatus status,
            PhoneNumberProvider provider,
            Map<String, Boolean> capabilities,
            Map<String, Object> configuration) {}

    /**
     * @param pinned whether the number is pinned to this version, rather than following the latest
     * @param href   where the version is read, credentials masked
     */
    record CallStartVersion(
            int number, boolean pinned, String configHash, Instant publishedAt, String publishedBy, String href) {}

    /** @param assistant the assistant's fields as the version froze them ({@code status} is not part of a version) */
    record CallStartConfiguration(Map<String, Object> assistant, List<CallableTool> tools, List<CallStartFile> files) {}

    /**
     * A knowledge file as the version froze it. Its content is not part of the answer: the runtime reads it from
     * {@code content_href} (the bytes) or {@code text_href} (the extracted text), which a key needs
     * {@code config:read} for.
     */
    record CallStartFile(
            String id,
            String filename,
            String originalName,
            FileType fileType,
            long fileSize,
            String sha256,
            String description,
            Map<String, Object> assignment,
            String contentHref,
            String textHref) {}
}
