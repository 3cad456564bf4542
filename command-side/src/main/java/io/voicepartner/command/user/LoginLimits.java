package io.voicepartner.command.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many logins are let through before any password is hashed.
 *
 * @param attemptsPerMinutePerClient         every attempt from one client, whatever its e-mails: a bcrypt verify
 *                                           costs tens of milliseconds of CPU
 * @param failuresPerMinutePerClientAndEmail failed attempts for one e-mail from one client: slows guessing down
 *                                           without touching the owner, who logs in from another client
 * @param failuresPerHourPerEmail            failed attempts for one e-mail from all clients together: the slower
 *                                           back-off against guessing from many clients, far looser than what one
 *                                           client can reach on its own (60 minutes at the limit per client)
 * @param trackedKeys                        the most counters kept (clients, e-mails and both), whatever arrives
 */
@ConfigurationProperties("voicepartner.login")
record LoginLimits(
        int attemptsPerMinutePerClient,
        int failuresPerMinutePerClientAndEmail,
        int failuresPerHourPerEmail,
        int trackedKeys) {

    LoginLimits {
        if (attemptsPerMinutePerClient < 1
                || failuresPerMinutePerClientAndEmail < 1
                || failuresPerHourPerEmail < 1
                || trackedKeys < 1) {
            throw new IllegalArgumentException("voicepartner.login: every limit must be at least 1");
        }
    }
}
