package io.voicepartner.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * shared-api is the published language: analytics consumers and both sides depend on it, so it must not
 * bring a framework with it. Jackson annotations are the one exception, and only the annotations.
 */
@AnalyzeClasses(packages = "io.voicepartner.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoFramework = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "org.axonframework..", "jakarta.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule usesOnlyTheAnnotationsOfJackson = noClasses()
            .should()
            .dependOnClassesThat(resideInAPackage("com.fasterxml.jackson..")
                    .and(not(resideInAPackage("com.fasterxml.jackson.annotation..")))
                    .as("are Jackson classes other than its annotations"));
}
