package io.voicepartner.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/** The command side's boundaries, guarded so that a wrong import fails the build instead of a review. */
@AnalyzeClasses(packages = "io.voicepartner.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The sides meet only through shared-api and Kafka; each can be deployed, and rewritten, alone. */
    @ArchTest
    static final ArchRule neverDependsOnTheQuerySide =
            noClasses().should().dependOnClassesThat().resideInAPackage("io.voicepartner.query..");

    /**
     * Aggregates are plain deciders: Axon's {@code @Aggregate} stereotype (in {@code org.axonframework})
     * is their only tie to Spring, and they reach no database but through their events.
     */
    @ArchTest
    static final ArchRule aggregatesDependOnNeitherSpringNorJdbc = noClasses()
            .that()
            .areAnnotatedWith(Aggregate.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..");

    /**
     * Every aggregate is snapshotted, and under a revision of its own that {@code CurrentSnapshots} checks:
     * a new aggregate without them would load its whole stream, or read snapshots of any shape (ADR 0018).
     */
    @ArchTest
    static final ArchRule everyAggregateIsSnapshottedUnderARevision = classes()
            .that()
            .areAnnotatedWith(Aggregate.class)
            .should()
            .beAnnotatedWith(Revision.class)
            .andShould()
            .beAnnotatedWith(DescribedPredicate.describe(
                    "@Aggregate(snapshotTriggerDefinition = \"snapshotTrigger\")",
                    (JavaAnnotation<?> annotation) -> annotation.getRawType().isEquivalentTo(Aggregate.class)
                            && "snapshotTrigger"
                                    .equals(annotation.as(Aggregate.class).snapshotTriggerDefinition())));
}
