package io.voicepartner.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.messaging.EventLimits;
import org.junit.jupiter.api.Test;

/** A personal organization is named after its user, within the length every read model stores. */
class PersonalOrganizationNameTest {

    @Test
    void isNamedAfterTheUsersName() {
        assertThat(PersonalOrganizationName.of(" Ada Lovelace ", "ada@example.com"))
                .isEqualTo("Ada Lovelace's organization");
    }

    @Test
    void isNamedAfterTheEmailAddressWithoutAName() {
        assertThat(PersonalOrganizationName.of(null, "ada@example.com")).isEqualTo("ada@example.com's organization");
        assertThat(PersonalOrganizationName.of("  ", "ada@example.com")).isEqualTo("ada@example.com's organization");
    }

    @Test
    void fitsAnOrganizationsNameHoweverLongTheEmailAddress() {
        String email = "a".repeat(64) + "@" + "b".repeat(185) + ".com";

        String name = PersonalOrganizationName.of(null, email);

        assertThat(name).hasSize(EventLimits.NAME).endsWith("'s organization").startsWith("aaaa");
    }

    @Test
    void neverCutsACharacterInHalf() {
        String name = PersonalOrganizationName.of("a".repeat(184) + "😀😀", "ada@example.com");

        assertThat(name).isEqualTo("a".repeat(184) + "'s organization");
        assertThat(EventLimits.unstorable(name)).isNull();
    }
}
