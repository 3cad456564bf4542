package io.voicepartner.command.user;

import io.voicepartner.api.user.ChangePassword;
import io.voicepartner.api.user.SignOut;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.web.Commands;
import io.voicepartner.support.web.ApiException;
import java.time.Instant;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a signed-in person does to their own account: change its password, which revokes every token issued before,
 * and sign out, which revokes the token they sign out with. Both are events of the account (ADR 0034), so that every
 * side learns of the revocation as it learns of an API key's (ADR 0028).
 */
@Service
class AccountLifecycle {

    /** The password changed: the account's revision, and a token of the new generation to go on with. */
    record Changed(long revision, AccessTokens.AccessToken token) {}

    private final Credentials credentials;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final Commands commands;
    private final TransactionTemplate transaction;

    AccountLifecycle(
            Credentials credentials,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            AccessTokens accessTokens,
            Commands commands,
            TransactionTemplate transaction) {
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.commands = commands;
        this.transaction = transaction;
    }

    /**
     * Checks the current password as a log-in does, within the same limits (a stolen token must not become a way to
     * guess the password), then stores the new one's hash and the account's next token generation with the event.
     * The new password is hashed before the transaction takes a connection, as at sign-up.
     */
    Changed changePassword(String userId, PasswordChangeRequest request, String client) {
        PasswordLength.check("current_password", request.currentPassword());
        String email = credentials.emailOf(userId).orElseThrow(AccountLifecycle::noAccount);
        throttle.admit(email, client);
        Credentials.Stored stored = credentials.ofUser(userId).orElseThrow(AccountLifecycle::noAccount);
        if (!passwordEncoder.matches(request.currentPassword(), stored.passwordHash())) {
            throw ApiException.invalid("current_password", "is not the account's password");
        }
        throttle.succeeded(email, client);
        String newHash = passwordEncoder.encode(request.newPassword());
        return transaction.execute(status -> {
            long generation = credentials.changePassword(userId, newHash);
            long revision = commands.send(new ChangePassword(userId, generation), userId);
            return new Changed(revision, accessTokens.issue(userId, generation));
        });
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
