package io.voicepartner.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with bcrypt at cost {@value #COST}, some 65 ms of CPU a hash on a 2-core machine.
 * {@code voicepartner.passwords.hash-cost} is for the test platforms, which sign up and log in hundreds of users a
 * build: at bcrypt's least, 4, that is a second of CPU instead of a minute. A hash carries its own cost, so hashes
 * of any cost verify alike. A cost below {@value #COST} is refused under {@code VOICEPARTNER_PRODUCTION=true}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordHashing.Settings.class)
class PasswordHashing {

    static final int COST = 10;

    /** @param hashCost bcrypt's cost (log2 of its rounds): {@value #COST} unless a test platform lowers it */
    @ConfigurationProperties("voicepartner.passwords")
    record Settings(@DefaultValue("10") int hashCost) {}

    @Bean
    PasswordEncoder passwordEncoder(Settings settings, Environment environment) {
        boolean production = environment.getProperty("voicepartner.security.production", Boolean.class, false);
        if (production && settings.hashCost() < COST) {
            throw new IllegalStateException("voicepartner.passwords.hash-cost=" + settings.hashCost() + " is for "
                    + "test platforms and is refused under VOICEPARTNER_PRODUCTION=true: passwords are hashed at "
                    + "cost " + COST);
        }
        return new BCryptPasswordEncoder(settings.hashCost());
    }
}
