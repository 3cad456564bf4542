package io.voicepartner.launcher;

import java.util.Arrays;
import java.util.Optional;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * As the run starts, installs the Node tools its tests use, in the order the tests come ({@link Node#install}):
 * the four {@code npm ci} of a clean clone (some 25 s of CPU, a third of it the file system's) then overlap the
 * tests before them instead of adding to the run. Registered with the JUnit Platform through
 * {@code META-INF/services}.
 */
public class NodeToolInstalls implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .map(TestIdentifier::getSource)
                .flatMap(Optional::stream)
                .filter(ClassSource.class::isInstance)
                .map(source -> ((ClassSource) source).getClassName())
                .distinct()
                .forEach(testClass -> Arrays.stream(Node.Tool.values())
                        .filter(tool -> tool.usedBy.stream()
                                .anyMatch(used -> used.getName().equals(testClass)))
                        .forEach(Node::installInBackground));
    }
}
