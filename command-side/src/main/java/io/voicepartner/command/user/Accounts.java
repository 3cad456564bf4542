package io.voicepartner.command.user;

import java.util.Optional;

/** The accounts as other features of the command side may know them: by user id, without their credentials. */
public interface Accounts {

    /** The user's e-mail address, normalised as at sign-up; empty for an id no account has. */
    Optional<String> emailOf(String userId);
}
