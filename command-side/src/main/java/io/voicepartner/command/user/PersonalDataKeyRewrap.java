package io.voicepartner.command.user;

import io.voicepartner.support.personal.PersonalDataKeys;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewraps, at start-up, the persons' keys stored unwrapped (before keys were wrapped, ADR 0036) or under a previous
 * platform key ({@code PERSONAL_DATA_KEY_PREVIOUS}, a rotation: ADR 0043) under {@code PERSONAL_DATA_KEY}, in batches
 * of a transaction each, so that a platform of millions of keys neither holds one long transaction nor loses the work
 * done when it stops half-way. Until then every side reads either form, so it needs no particular moment; the command
 * side, which makes the keys, does it. Starting again finds nothing left to do; the log says when the previous key
 * may be dropped.
 */
@Component
class PersonalDataKeyRewrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeyRewrap.class);
    private static final int BATCH = 500;

    private final PersonalDataKeys keys;
    private final TransactionTemplate transaction;

    PersonalDataKeyRewrap(PersonalDataKeys keys, TransactionTemplate transaction) {
        this.keys = keys;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        int rewrapped = 0;
        PersonalDataKeys.Rewrapped batch = new PersonalDataKeys.Rewrapped("", BATCH, 0);
        while (batch.read() == BATCH) {
            String after = batch.lastSubject();
            batch = transaction.execute(status -> keys.rewrapStored(after, BATCH));
            rewrapped += batch.rewrapped();
        }
        if (rewrapped > 0) {
            log.info(
                    "Rewrapped {} persons' keys under PERSONAL_DATA_KEY: none is left under PERSONAL_DATA_KEY_PREVIOUS, "
                            + "which every side may now drop",
                    rewrapped);
        }
        Map<String, Long> unknown = keys.underUnknownKeys();
        if (!unknown.isEmpty()) {
            // not a refusal to start: the persons whose keys these are cannot be read until the key is set again,
            // everyone else can
            log.warn(
                    "Persons' keys wrapped under platform keys neither PERSONAL_DATA_KEY nor PERSONAL_DATA_KEY_PREVIOUS "
                            + "(id: count) {}: set the key the platform had as PERSONAL_DATA_KEY_PREVIOUS",
                    unknown);
        }
    }
}
