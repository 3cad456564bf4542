package io.voicepartner.command.user;

import io.voicepartner.api.organization.CreateOrganization;
import io.voicepartner.api.user.RegisterUser;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import java.util.Locale;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens an account: the credentials row, the {@code UserRegistered} event and the user's personal organization
 * (whose id is the user's, ADR 0027) commit together or not at all, and the unique e-mail of the credentials table
 * is the platform-wide uniqueness check. The password
 * is hashed before that transaction takes a database connection: bcrypt costs tens of milliseconds, and a
 * burst of sign-ups hashing inside their transactions held the pool that every other request needs.
 */
@Service
class SignUp {

    private final Credentials credentials;
    private final PasswordEncoder passwordEncoder;
    private final Commands commands;
    private final Ids ids;
    private final TransactionTemplate transaction;

    SignUp(
            Credentials credentials,
            PasswordEncoder passwordEncoder,
            Commands commands,
            Ids ids,
            TransactionTemplate transaction) {
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.commands = commands;
        this.ids = ids;
        this.transaction = transaction;
    }

    String register(String email, String password, String name) {
        String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
        // a taken e-mail is refused without hashing; a concurrent sign-up that takes it meanwhile is caught below
        if (credentials.exists(normalisedEmail)) {
            throw emailTaken(normalisedEmail);
        }
        String passwordHash = passwordEncoder.encode(password);
        return transaction.execute(status -> {
            String userId = ids.next();
            if (!credentials.add(userId, normalisedEmail, passwordHash)) {
                throw emailTaken(normalisedEmail);
            }
            commands.send(new RegisterUser(userId, normalisedEmail, name), userId);
            commands.send(
                    new CreateOrganization(userId, PersonalOrganizationName.of(name, normalisedEmail), userId, true),
                    userId);
            return userId;
        });
    }

    private static Refusal emailTaken(String email) {
        return new Refusal(ErrorCode.EMAIL_TAKEN, "An account with e-mail '" + email + "' already exists.");
    }
}
