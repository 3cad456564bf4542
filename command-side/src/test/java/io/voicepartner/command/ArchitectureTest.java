package io.voicepartner.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The command side's boundaries, guarded so that a wrong import fails the build instead of a review. */
@AnalyzeClasses(packages = "io.voicepartner.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The sides meet only through shared-api and Kafka; each can be deployed, and rewritten, alone. */
    @ArchTest
    static final ArchRule neverDependsOnTheQuerySide = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.voicepartner.query..");

    /**
     * Aggregates are plain deciders: Axon's {@code @Aggregate} stereotype (in {@code org.axonframework})
     * is their only tie to Spring, and they reach no database but through their events.
     */
    @ArchTest
    static final ArchRule aggregatesDependOnNeitherSpringNorJdbc = noClasses()
            .that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..");
}
