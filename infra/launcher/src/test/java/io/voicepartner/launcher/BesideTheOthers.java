package io.voicepartner.launcher;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A test class that runs on a second thread beside the classes that run one after the other
 * ({@code junit-platform.properties}), so that two cores are busy instead of one waiting: those whose time goes
 * mostly to other processes (Node and Chromium, the split deployment's three JVMs, PostgreSQL's backup tools), and
 * a few whose platform is their own. Such a class brings everything it changes with it (a database, a broker, a
 * directory of its own); one that writes to the shared platform as well takes {@link PlatformIT#READ_MODELS} to read.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@interface BesideTheOthers {}
