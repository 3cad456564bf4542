package io.voicepartner.command.user;

import io.voicepartner.support.personal.PersonalDataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Wraps, at start-up, the persons' keys stored before keys were wrapped under {@code PERSONAL_DATA_KEY} (ADR 0036).
 * Until then they are read as they are, so it needs no particular moment; the command side, which makes the keys,
 * does it. Starting again finds nothing left to do.
 */
@Component
class UnwrappedPersonalDataKeys implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UnwrappedPersonalDataKeys.class);

    private final PersonalDataKeys keys;

    UnwrappedPersonalDataKeys(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        int wrapped = keys.wrapStoredUnwrapped();
        if (wrapped > 0) {
            log.info("Wrapped {} persons' keys stored before keys were wrapped under PERSONAL_DATA_KEY", wrapped);
        }
    }
}
