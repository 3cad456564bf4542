package io.voicepartner.command.user;

import io.voicepartner.api.user.RegisterUser;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Locale;

/**
 * Opens an account: the credentials row and the {@code UserRegistered} event commit together or not at
 * all, and the unique e-mail of the credentials table is the platform-wide uniqueness check.
 */
@Service
class SignUp {

    private final Credentials credentials;
    private final PasswordEncoder passwordEncoder;
    private final Commands commands;
    private final Ids ids;

    SignUp(Credentials credentials, PasswordEncoder passwordEncoder, Commands commands, Ids ids) {
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.commands = commands;
        this.ids = ids;
    }

    @Transactional
    String register(String email, String password, String name) {
        String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
        if (credentials.exists(normalisedEmail)) {
            throw emailTaken(normalisedEmail);
        }
        String userId = ids.next();
        if (!credentials.add(userId, normalisedEmail, passwordEncoder.encode(password))) {
            throw emailTaken(normalisedEmail);
        }
        commands.send(new RegisterUser(userId, normalisedEmail, name), userId);
        return userId;
    }

    private static Refusal emailTaken(String email) {
        return new Refusal(ErrorCode.EMAIL_TAKEN, "An account with e-mail '" + email + "' already exists.");
    }
}
