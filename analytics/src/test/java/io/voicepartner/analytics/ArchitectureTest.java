package io.voicepartner.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The analytics consumer reads the published language only, as any consumer outside the platform would. */
class ArchitectureTest {

    private final JavaClasses analytics = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.voicepartner.analytics");

    @Test
    void neverDependsOnEitherSide() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.voicepartner.command..", "io.voicepartner.query..")
                .check(analytics);
    }

    @Test
    void neverDependsOnTheEventStoreFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.axonframework..")
                .check(analytics);
    }
}
