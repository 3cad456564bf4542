package io.voicepartner.command.user;

import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/users/me/password}: the password the account has, and the one it is to have. */
record PasswordChangeRequest(
        String currentPassword,

        @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
        String newPassword) {}
