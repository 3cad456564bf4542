package io.voicepartner.command.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param credentialReadSeries {@code RUNTIME_CREDENTIAL_READ_SERIES}: how many (organization, actor) pairs the
 *                             credential-read counter keeps a series of its own for, per process; later pairs are
 *                             counted together as {@code other}, so that the metrics stay bounded however many
 *                             tenants and keys there are
 */
@ConfigurationProperties("voicepartner.runtime")
record RuntimeSettings(int credentialReadSeries) {

    RuntimeSettings {
        if (credentialReadSeries < 1) {
            throw new IllegalArgumentException("RUNTIME_CREDENTIAL_READ_SERIES must be at least 1");
        }
    }
}
