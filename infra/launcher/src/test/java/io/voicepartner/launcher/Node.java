package io.voicepartner.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's Node tools (the linter, the TypeScript client, the mock server, the browser check) the
 * way a developer does: each directory pins its packages in a committed {@code package-lock.json}, which
 * {@code npm ci} installs on a clean clone. node and npm must be on the PATH.
 */
final class Node {

    /** The repository's root, seen from infra/launcher, where failsafe runs. */
    static final Path REPOSITORY = Path.of("..", "..").toAbsolutePath().normalize();

    record Result(int exit, String output) {

        boolean succeeded() {
            return exit == 0;
        }
    }

    private Node() {
    }

    /** Installs the directory's locked packages with {@code npm ci}, unless {@code installed} is already there. */
    static void install(Path directory, String installed) throws IOException, InterruptedException {
        if (!Files.exists(directory.resolve("node_modules").resolve(installed))) {
            Result install = run(directory, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            if (!install.succeeded()) {
                throw new AssertionError("npm ci in " + directory + " failed: " + install.output());
            }
        }
    }

    /** Runs a command in a directory to its end (at most timeoutSeconds), with its output and error together. */
    static Result run(Path directory, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("node", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command + " took longer than " + timeoutSeconds + " s: "
                        + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.delete(log);
        }
    }
}
