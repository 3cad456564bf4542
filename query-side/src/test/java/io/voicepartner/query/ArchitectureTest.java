package io.voicepartner.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The query side meets the command side only through shared-api types on Kafka. */
class ArchitectureTest {

    private final JavaClasses querySide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.voicepartner.query");

    @Test
    void neverDependsOnTheCommandSide() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.voicepartner.command..")
                .check(querySide);
    }

    @Test
    void neverDependsOnTheEventStoreFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.axonframework..")
                .check(querySide);
    }
}
