package io.voicepartner.command.user;

import io.voicepartner.api.assistant.DeleteAssistant;
import io.voicepartner.api.file.DeleteFile;
import io.voicepartner.api.organization.ForgetMember;
import io.voicepartner.api.phonenumber.DeletePhoneNumber;
import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.user.ChangePassword;
import io.voicepartner.api.user.EraseUser;
import io.voicepartner.api.user.RequestErasure;
import io.voicepartner.api.user.SignOut;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.api.webhook.DeleteWebhookEndpoint;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.lookup.OrganizationLookups;
import io.voicepartner.command.lookup.OrganizationLookups.Membership;
import io.voicepartner.command.web.Commands;
import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.PersonalDataKeys;
import io.voicepartner.support.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a signed-in person does to their own account: change its password, which revokes every token issued before,
 * sign out, which revokes the token they sign out with, and close the account, which erases them. Each is an event of
 * the account (ADR 0034), so that every side learns of the revocation as it learns of an API key's (ADR 0028).
 */
@Service
class AccountLifecycle {

    /** The password changed: the account's revision, and a token of the new generation to go on with. */
    record Changed(long revision, AccessTokens.AccessToken token) {}

    /**
     * The person's erasure: finished now, or left to a later round; the organizations deleted with them, and those
     * they left.
     */
    record Erased(boolean finished, List<String> deletedOrganizations, List<String> leftOrganizations) {}

    private static final Logger log = LoggerFactory.getLogger(AccountLifecycle.class);

    private final Credentials credentials;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final Commands commands;
    private final TransactionTemplate transaction;
    private final OrganizationLookups organizations;
    private final PersonalDataKeys keys;
    private final InvitationAddresses invitationAddresses;
    private final PendingErasures erasures;

    AccountLifecycle(
            Credentials credentials,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            AccessTokens accessTokens,
            Commands commands,
            TransactionTemplate transaction,
            OrganizationLookups organizations,
            PersonalDataKeys keys,
            InvitationAddresses invitationAddresses,
            PendingErasures erasures) {
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.commands = commands;
        this.transaction = transaction;
        this.organizations = organizations;
        this.keys = keys;
        this.invitationAddresses = invitationAddresses;
        this.erasures = erasures;
    }

    /**
     * Checks the current password as a log-in does, within the same limits (a stolen token must not become a way to
     * guess the password), then stores the new one's hash and the account's next token generation with the event.
     * The new password is hashed before the transaction takes a connection, as at sign-up.
     */
    Changed changePassword(String userId, PasswordChangeRequest request, String client) {
        checkPassword(userId, "current_password", request.currentPassword(), client);
        String newHash = passwordEncoder.encode(request.newPassword());
        return transaction.execute(status -> {
            long generation = credentials.changePassword(userId, newHash);
            long revision = commands.send(new ChangePassword(userId, generation), userId);
            return new Changed(revision, accessTokens.issue(userId, generation));
        });
    }

    /**
     * Erases the person (issue 21), once the password is checked as a log-in checks it. Refused as a whole, before
     * anything changes, while they are the only owner of an organization whose other members would be left with
     * nobody to manage them. Then the erasure is recorded ({@link PendingErasures}, ADR 0043) with {@link
     * RequestErasure}, which revokes every token of theirs on every side (ADR 0046): from then on the person cannot sign
     * in, and if a step fails, or the node stops, a later round of {@link ErasureCompletion} finishes it; the person
     * need not, and cannot, ask again. A step refused for good blocks the erasure: the answer is {@code 409}, naming the
     * organization, the person may sign in again to resolve it, and asking again resumes it (ADR 0046).
     *
     * @return {@link Erased#finished()} false when a step failed and the erasure was left to a later round
     */
    Erased erase(String userId, String password, String client) {
        checkPassword(userId, "password", password, client);
        List<Membership> memberships = organizations.membershipsOf(userId);
        List<String> managedByThemAlone = memberships.stream()
                .filter(Membership::onlyOwnerOfOthers)
                .map(Membership::organizationId)
                .toList();
        if (!managedByThemAlone.isEmpty()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    (erasures.blocked(userId).isPresent() ? "Your erasure is blocked. " : "")
                            + "You are the only owner of "
                            + managedByThemAlone.stream()
                                    .map(id -> "organization '" + id + "'")
                                    .collect(Collectors.joining(", "))
                            + ", which other members belong to: make one of them an owner, or remove them, before "
                            + "closing the account.");
        }
        boolean held = Boolean.TRUE.equals(transaction.execute(status -> take(userId)));
        boolean finished;
        try {
            finished = held && finishClaimed(userId);
        } catch (StepRefused refused) {
            throw blocked(refused.why());
        }
        return new Erased(
                finished,
                memberships.stream()
                        .filter(Membership::alone)
                        .map(Membership::organizationId)
                        .toList(),
                memberships.stream()
                        .filter(membership -> !membership.alone())
                        .map(Membership::organizationId)
                        .toList());
    }

    /**
     * Records the erasure, or takes up one recorded before (blocked, asked again), and revokes every token the person
     * holds: on this side in this transaction (the lookups apply the event in it), on every other side once they have
     * {@code ErasureRequested}, without waiting for the erasure to end (ADR 0046).
     *
     * @return whether the caller holds the erasure; false while another request or node works on it
     */
    private boolean take(String userId) {
        if (!(erasures.record(userId) || erasures.resume(userId))) {
            return false;
        }
        commands.send(new RequestErasure(userId, credentials.nextTokenGeneration(userId)), userId);
        return true;
    }

    /**
     * Finishes a recorded erasure that no one is working on and nothing blocks, as a later round does.
     *
     * @return whether it is finished; false when another node holds it, a step failed again or was refused for good
     */
    boolean finishPending(String userId) {
        try {
            return erasures.claim(userId) && finishClaimed(userId);
        } catch (StepRefused refused) {
            return false;
        }
    }

    /**
     * @return false when a step failed, which is recorded and leaves the erasure to a later round
     * @throws StepRefused when a step was refused for good, which blocks the erasure (recorded)
     */
    private boolean finishClaimed(String userId) {
        try {
            eraseSteps(userId);
            return true;
        } catch (StepRefused refused) {
            erasures.block(userId, refused.why(), refused.refusal());
            // ids and a code alone: the refusal's message may quote a value of the person's
            log.warn(
                    "The erasure of user {} is blocked: organization {} refused a step of it ({}); no round retries it,"
                            + " and it waits for the person to resolve it and ask again",
                    userId,
                    refused.why().organizationId(),
                    refused.why().code());
            throw refused;
        } catch (RuntimeException failure) {
            erasures.failed(userId, failure);
            // the type alone: a refusal's message may quote a value of the person's
            log.warn(
                    "The erasure of user {} stopped at {}; a later round finishes it",
                    userId,
                    failure.getClass().getName());
            return false;
        }
    }

    /**
     * The erasure's steps, each of which finds what is left to do, so that running them again after a failure goes on
     * where they stopped. Every organization they were alone in goes with them, its resources first (a phone number
     * keeps an organization from being deleted; a file's stored bytes are deleted with it); they leave every other
     * one. Last, in one transaction: their credentials, their answers kept for retries, their key and the keys of the
     * invitations sent to their address, so that every value sealed with them reads as erased at once, the record of
     * the erasure, and the event that revokes their tokens on every side.
     */
    private void eraseSteps(String userId) {
        for (Membership membership : organizations.membershipsOf(userId)) {
            try {
                if (membership.alone()) {
                    deleteResources(membership.organizationId(), userId);
                }
                commands.send(new ForgetMember(membership.organizationId(), userId), userId);
            } catch (Refusal refusal) {
                if (!refusedForGood(refusal)) {
                    throw refusal;
                }
                throw new StepRefused(
                        new PendingErasures.Blocked(refusal.code().wireName(), membership.organizationId()), refusal);
            }
        }
        String email = credentials.emailOf(userId).orElseThrow(AccountLifecycle::noAccount);
        transaction.executeWithoutResult(status -> {
            credentials.erase(userId);
            keys.delete(userId);
            invitationAddresses.erase(email);
            erasures.done(userId);
            commands.send(new EraseUser(userId), userId);
        });
    }

    /**
     * Webhook endpoints first, so that the organization's end is delivered to no one (ADR 0043); then phone numbers:
     * they name assistants, and keep their organization from being deleted.
     */
    private void deleteResources(String organizationId, String actor) {
        OrganizationLookups.Resources resources = organizations.resourcesOf(organizationId);
        resources
                .webhookEndpoints()
                .forEach(id -> commands.send(new DeleteWebhookEndpoint(id, organizationId, null), actor));
        resources.phoneNumbers().forEach(id -> commands.send(new DeletePhoneNumber(id, organizationId, null), actor));
        resources.assistants().forEach(id -> commands.send(new DeleteAssistant(id, organizationId, null), actor));
        resources.tools().forEach(id -> commands.send(new DeleteTool(id, organizationId, null), actor));
        resources.files().forEach(id -> commands.send(new DeleteFile(id, organizationId, null), actor));
    }

    /**
     * An organization's decision, which asking again decides the same way until someone changes it: e.g. the person is
     * the only owner of members who joined since the erasure was asked for. Not "not found": a resource deleted
     * meanwhile by someone else is no longer in the lookups the next round reads.
     */
    private static boolean refusedForGood(Refusal refusal) {
        return refusal.code() != ErrorCode.NOT_FOUND;
    }

    /** The answer to a request whose erasure a step refused for good blocked, or that finds it blocked. */
    private static ApiException blocked(PendingErasures.Blocked why) {
        String organization = "organization '" + why.organizationId() + "'";
        return new ApiException(
                ErrorCode.CONFLICT,
                "Your erasure is blocked: "
                        + (ErrorCode.CONFLICT.wireName().equals(why.code())
                                ? "you are the only owner of " + organization + ", which other members joined since"
                                        + " you asked to be erased: make one of them an owner, or remove them, then"
                                        + " close the account again."
                                : organization + " refused a step of it (" + why.code() + "); resolve it, then close"
                                        + " the account again.")
                        + " Until then the account is yours: sign in again to use it.");
    }

    /** A step of the erasure refused for good, in an organization: it blocks the erasure (ADR 0046). */
    private static final class StepRefused extends RuntimeException {

        private final transient PendingErasures.Blocked why;
        private final transient Refusal refusal;

        StepRefused(PendingErasures.Blocked why, Refusal refusal) {
            super(why.organizationId(), null, false, false);
            this.why = why;
            this.refusal = refusal;
        }

        PendingErasures.Blocked why() {
            return why;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    /**
     * Checks the account's password as a log-in does, within the same limits: a stolen token must not become a way
     * to guess it.
     */
    private void checkPassword(String userId, String field, String password, String client) {
        PasswordLength.check(field, password);
        String email = credentials.emailOf(userId).orElseThrow(AccountLifecycle::noAccount);
        throttle.admit(email, client);
        Credentials.Stored stored = credentials.ofUser(userId).orElseThrow(AccountLifecycle::noAccount);
        if (!passwordEncoder.matches(password, stored.passwordHash())) {
            throw ApiException.invalid(field, "is not the account's password");
        }
        throttle.succeeded(email, client);
    }

    /** @return the account's revision after the sign-out */
    long signOut(String userId, String tokenId, Instant tokenExpiresAt) {
        if (tokenId == null) {
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED,
                    "This token was issued before tokens had an id, and cannot be signed out alone: it expires at "
                            + tokenExpiresAt + ".");
        }
        return commands.send(new SignOut(userId, tokenId, tokenExpiresAt), userId);
    }

    /** A valid token whose account is gone: it is refused like any token that is not one. */
    private static ApiException noAccount() {
        return new ApiException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required.");
    }
}
