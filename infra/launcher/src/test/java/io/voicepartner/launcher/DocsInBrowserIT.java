package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.util.FileSystemUtils;

/**
 * The reference at {@code /docs} works in a real browser: Debian's Chromium, headless, driven by puppeteer-core
 * ({@code infra/browser-check/try-it-out.mjs}), authorizes through {@code /token} with the OAuth2 password flow
 * and creates an assistant with "Try it out", which shows a 201. Without Chromium this fails rather than
 * skips: a skipped check is one that cannot fail.
 */
@BesideTheOthers
@ResourceLock(value = PlatformIT.READ_MODELS, mode = ResourceAccessMode.READ)
class DocsInBrowserIT extends PlatformIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHECK = Node.Tool.BROWSER_CHECK.directory;

    @Test
    void tryItOutCreatesAnAssistantAfterAuthorizingThroughToken() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("Chromium is missing at " + CHROMIUM + ": install it with infra/scripts/ensure-chromium")
                .isTrue();
        Node.install(Node.Tool.BROWSER_CHECK);
        Api.User user = api().signUp();
        String name = "Tried out in /docs";
        Path profile = Files.createTempDirectory("chromium-profile");

        Node.Result browser;
        try {
            browser = Node.run(
                    CHECK,
                    List.of(
                            "node",
                            "try-it-out.mjs",
                            "http://127.0.0.1:" + port,
                            user.email(),
                            user.password(),
                            name,
                            profile.toString()),
                    240);
        } finally {
            FileSystemUtils.deleteRecursively(profile);
        }

        assertThat(browser.exit()).as(browser.output()).isZero();
        Api.Response assistants = api().as(user).get("/api/assistants");
        assertThat(assistants.data())
                .as(assistants.text())
                .singleElement()
                .satisfies(
                        assistant -> assertThat(assistant.path("name").asText()).isEqualTo(name));
    }
}
