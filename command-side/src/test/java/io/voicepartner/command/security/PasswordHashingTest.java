package io.voicepartner.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed at bcrypt's cost 10 unless a test platform lowers it, which production refuses; a hash
 * verifies whatever the cost it was made at.
 */
class PasswordHashingTest {

    private final ApplicationContextRunner platform =
            new ApplicationContextRunner().withUserConfiguration(PasswordHashing.class);

    @Test
    void hashesAtCostTenUnlessConfiguredOtherwise() {
        platform.run(
                context -> assertThat(context.getBean(PasswordEncoder.class).encode("correct horse"))
                        .startsWith("$2a$10$"));
        platform.withPropertyValues("voicepartner.security.production=true")
                .run(context -> assertThat(
                                context.getBean(PasswordEncoder.class).encode("correct horse"))
                        .startsWith("$2a$10$"));
    }

    @Test
    void aTestPlatformsLowerCostIsRefusedInProduction() {
        platform.withPropertyValues("voicepartner.passwords.hash-cost=4")
                .run(context -> assertThat(
                                context.getBean(PasswordEncoder.class).encode("correct horse"))
                        .startsWith("$2a$04$"));
        platform.withPropertyValues("voicepartner.passwords.hash-cost=4", "voicepartner.security.production=true")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("voicepartner.passwords.hash-cost=4")
                        .hasMessageContaining("VOICEPARTNER_PRODUCTION=true"));
    }

    @Test
    void aHashVerifiesWhateverTheCostItWasMadeAt() {
        platform.run(atTen -> platform.withPropertyValues("voicepartner.passwords.hash-cost=4")
                .run(atFour -> {
                    PasswordEncoder ten = atTen.getBean(PasswordEncoder.class);
                    PasswordEncoder four = atFour.getBean(PasswordEncoder.class);

                    assertThat(four.matches("correct horse", ten.encode("correct horse")))
                            .isTrue();
                    assertThat(ten.matches("correct horse", four.encode("correct horse")))
                            .isTrue();
                    assertThat(four.matches("wrong horse", ten.encode("correct horse")))
                            .isFalse();
                }));
    }
}
