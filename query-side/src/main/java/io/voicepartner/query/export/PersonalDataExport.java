package io.voicepartner.query.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the platform's read side holds about a person (GDPR Art. 15 and 20), as {@code GET
 * /api/users/me/export} answers it: their account, the organizations they belong or belonged to, their sign-ins with
 * the addresses they came from, the invitations sent to their address, and what they created, by kind. Personal data
 * sealed in the events is opened here, as every read opens it.
 *
 * @param created the ids of what the person created, by kind ({@code assistants}, {@code tools}, …)
 */
record PersonalDataExport(
        ExportedAccount account,
        List<ExportedMembership> organizations,
        List<ExportedSignIn> signIns,
        List<ExportedInvitation> invitations,
        Map<String, List<String>> created,
        Instant exportedAt) {

    record ExportedAccount(String id, String email, String name, Instant createdAt, Instant updatedAt) {}

    /** @param leftAt when they left, or the organization closed; null while they belong */
    record ExportedMembership(
            String organizationId, String name, boolean personal, String role, Instant joinedAt, Instant leftAt) {}

    /** @param outcome {@code SignInSucceeded} or {@code SignInFailed} */
    record ExportedSignIn(String id, Instant occurredAt, String outcome, String clientAddress, String requestId) {}

    record ExportedInvitation(
            String id, String organizationId, String role, String status, Instant expiresAt, Instant createdAt) {}
}
