package io.voicepartner.command.user;

import io.voicepartner.api.organization.CreateOrganization;
import io.voicepartner.api.user.RegisterUser;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.support.personal.PersonalData;
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
 *
 * <p>The e-mail address and the name enter the events only sealed with the new user's key, and so does the name of
 * their personal organization, which is made of them (ADR 0034); the credentials keep the address in clear, to log
 * in with, until the account is erased.
 */
@Service
class SignUp {

    private final Credentials credentials;
    private final PasswordEncoder passwordEncoder;
    private final Commands commands;
    private final Ids ids;
    private final TransactionTemplate transaction;
    private final PersonalData personalData;

    SignUp(
            Credentials credentials,
            PasswordEncoder passwordEncoder,
            Commands commands,
            Ids ids,
            TransactionTemplate transaction,
            PersonalData personalData) {
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.commands = commands;
        this.ids = ids;
        this.transaction = transaction;
        this.personalData = personalData;
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
            commands.send(
                    new RegisterUser(
                            userId, personalData.seal(userId, normalisedEmail), personalData.seal(userId, name)),
                    userId);
            String organizationName = PersonalOrganizationName.of(name, normalisedEmail);
            commands.send(
                    new CreateOrganization(userId, personalData.seal(userId, organizationName), userId, true), userId);
            return userId;
        });
    }

    private static Refusal emailTaken(String email) {
        return new Refusal(ErrorCode.EMAIL_TAKEN, "An account with e-mail '" + email + "' already exists.");
    }
}
