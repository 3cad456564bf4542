package io.voicepartner.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's Node tools (the linter, the TypeScript client, the mock server, the browser check) the
 * way a developer does: each directory pins its packages in a committed {@code package-lock.json}, which
 * {@code npm ci} installs on a clean clone. node and npm must be on the PATH.
 */
final class Node {

    /** The repository's root, seen from infra/launcher, where failsafe runs. */
    static final Path REPOSITORY = Path.of("..", "..").toAbsolutePath().normalize();

    /** A directory with its own {@code package-lock.json}, a package that shows it installed, and the tests that use it. */
    enum Tool {
        OPENAPI_LINT("infra/openapi-lint", "@redocly/cli", OpenApiLintIT.class),
        TYPESCRIPT_CLIENT("clients/typescript", "openapi-typescript", TypeScriptClientIT.class, MockApiIT.class),
        MOCK_API("infra/mock-api", "@stoplight/prism-cli", MockApiIT.class),
        BROWSER_CHECK("infra/browser-check", "puppeteer-core", DocsInBrowserIT.class);

        final Path directory;
        final String installed;
        final List<Class<?>> usedBy;

        Tool(String directory, String installed, Class<?>... usedBy) {
            this.directory = REPOSITORY.resolve(directory);
            this.installed = installed;
            this.usedBy = List.of(usedBy);
        }
    }

    record Result(int exit, String output) {

        boolean succeeded() {
            return exit == 0;
        }
    }

    /** One install at a time, in the background: they overlap the tests, not each other. */
    private static final ExecutorService INSTALLER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "npm-ci");
        thread.setDaemon(true);
        return thread;
    });

    private static final Map<Tool, Install> installs = new ConcurrentHashMap<>();

    /** A tool's install, started once and awaited by every test that needs the tool. */
    private record Install(CompletableFuture<Void> done) {

        void await() {
            try {
                done.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof AssertionError failed) {
                    throw failed;
                }
                throw e;
            }
        }
    }

    private Node() {}

    /**
     * Installs the tool's locked packages with {@code npm ci}, unless they are already there, and returns once they
     * are: at once if {@link NodeToolInstalls} had them installed while earlier tests ran.
     */
    static void install(Tool tool) {
        started(tool).await();
    }

    /** Starts the install of a tool on the installer's thread, unless it has been started already. */
    static void installInBackground(Tool tool) {
        started(tool);
    }

    private static Install started(Tool tool) {
        return installs.computeIfAbsent(
                tool, starting -> new Install(CompletableFuture.runAsync(() -> installNow(starting), INSTALLER)));
    }

    private static void installNow(Tool tool) {
        if (Files.exists(tool.directory.resolve("node_modules").resolve(tool.installed))) {
            return;
        }
        // --prefer-offline: packages already in npm's cache (~/.npm) are taken from it without asking the registry
        // again; the lock file pins each by version and checksum either way
        try {
            Result install =
                    run(tool.directory, List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 300);
            if (!install.succeeded()) {
                throw new AssertionError("npm ci in " + tool.directory + " failed: " + install.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("npm ci in " + tool.directory + " was interrupted", e);
        }
    }

    /** Runs a command in a directory to its end (at most timeoutSeconds), with its output and error together. */
    static Result run(Path directory, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("node", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(
                        command + " took longer than " + timeoutSeconds + " s: " + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.delete(log);
        }
    }
}
