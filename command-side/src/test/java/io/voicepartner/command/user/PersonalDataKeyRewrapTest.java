package io.voicepartner.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.command.eventstore.CommandDatabase;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rotation of {@code PERSONAL_DATA_KEY} on the real table: while {@code PERSONAL_DATA_KEY_PREVIOUS} holds the key
 * before, every side opens values of keys wrapped under either; the command side's start rewraps them all under the
 * new one, in more than one batch, after which the old key opens nothing and the new one alone opens everything.
 */
class PersonalDataKeyRewrapTest {

    private static final String OLD = randomKey();
    private static final String NEW = randomKey();
    /** More than one batch of the rewrap. */
    private static final int PERSONS = 1_234;

    private CommandDatabase database;

    @BeforeEach
    void createDatabase() {
        database = CommandDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aRotationRewrapsEveryKeyUnderTheNewPlatformKeyAtStartUp() {
        PersonalData beforeRotation = sealer(KeyWrapping.configured(OLD, "", true));
        List<String> sealed = new ArrayList<>();
        for (int person = 0; person < PERSONS; person++) {
            sealed.add(beforeRotation.seal("user-" + person, "person" + person + "@example.com"));
        }
        // a key stored before keys were wrapped, as a platform older than ADR 0036 has them
        database.jdbc()
                .sql("INSERT INTO command.personal_data_keys (subject_id, key) VALUES ('user-unwrapped', ?)")
                .param(new byte[32])
                .update();

        KeyWrapping rotating = KeyWrapping.configured(NEW, OLD, true);
        PersonalData duringRotation = sealer(rotating);
        assertThat(duringRotation.open(sealed.get(0))).contains("person0@example.com");
        assertThat(duringRotation.openAll(sealed)).hasSize(PERSONS);
        assertThatThrownBy(() -> sealer(KeyWrapping.configured(NEW, "", true)).open(sealed.get(0)))
                .hasMessageContaining("PERSONAL_DATA_KEY_PREVIOUS");

        new PersonalDataKeyRewrap(new PersonalDataKeys(database.jdbc(), rotating), database.transaction()).run(null);

        assertThat(database.jdbc()
                        .sql("SELECT count(DISTINCT wrapped_by), count(*), count(wrapped_by) "
                                + "FROM command.personal_data_keys")
                        .query((row, n) -> List.of(row.getLong(1), row.getLong(2), row.getLong(3)))
                        .single())
                .as("one platform key, every row wrapped")
                .containsExactly(1L, PERSONS + 1L, PERSONS + 1L);
        PersonalData afterRotation = sealer(KeyWrapping.configured(NEW, "", true));
        assertThat(afterRotation.openAll(sealed)).hasSize(PERSONS);
        assertThat(afterRotation.open(sealed.get(PERSONS - 1))).contains("person" + (PERSONS - 1) + "@example.com");
        assertThatThrownBy(() -> beforeRotation.open(sealed.get(0))).hasMessageContaining("PERSONAL_DATA_KEY");
    }

    @Test
    void keysUnderAPlatformKeyConfiguredNowhereAreLeftAsTheyAreAndCounted() {
        String forgotten = randomKey();
        String value = sealer(KeyWrapping.configured(forgotten, "", true)).seal("user-1", "ada@example.com");
        PersonalDataKeys withoutIt = new PersonalDataKeys(database.jdbc(), KeyWrapping.configured(NEW, OLD, true));

        new PersonalDataKeyRewrap(withoutIt, database.transaction()).run(null);

        assertThat(withoutIt.underUnknownKeys()).hasSize(1).containsValue(1L);
        PersonalData remembered = sealer(KeyWrapping.configured(NEW, forgotten, true));
        assertThat(remembered.open(value)).contains("ada@example.com");
    }

    private PersonalData sealer(KeyWrapping wrapping) {
        return new PersonalData(new PersonalDataKeys(database.jdbc(), wrapping));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
