package io.voicepartner.launcher;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.containers.MinIOContainer;

/**
 * A real S3-compatible server for the tests of the S3 file store, once per test JVM: MinIO where a Docker
 * engine is available, otherwise moto's S3 server ({@code moto_server}, which this kind of machine has
 * installed) in a child process on a free loopback port, stopped when the JVM exits.
 */
record TestS3(String endpoint, String accessKey, String secretKey) {

    private static TestS3 server;

    static synchronized TestS3 server() {
        if (server == null) {
            server = TestInfrastructure.dockerAvailable() ? minio() : moto();
        }
        return server;
    }

    /** Points the platform under test at a bucket of its own on this server. */
    void register(DynamicPropertyRegistry properties) {
        String bucket = "voicepartner-" + UUID.randomUUID().toString().substring(0, 8);
        properties.add("voicepartner.files.s3.bucket", () -> bucket);
        properties.add("voicepartner.files.s3.endpoint", this::endpoint);
        properties.add("voicepartner.files.s3.access-key", this::accessKey);
        properties.add("voicepartner.files.s3.secret-key", this::secretKey);
    }

    private static TestS3 minio() {
        MinIOContainer minio = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");
        minio.start();
        return new TestS3(minio.getS3URL(), minio.getUserName(), minio.getPassword());
    }

    private static TestS3 moto() {
        int port = TestInfrastructure.freePort();
        Process process;
        try {
            process = new ProcessBuilder(motoServer(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The S3 tests need a Docker engine (for MinIO) or moto_server on the PATH "
                            + "(pip install 'moto[server]')",
                    e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> (process.isAlive() && accepts(port)) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("moto_server exited at once with " + process.exitValue());
        }
        return new TestS3("http://127.0.0.1:" + port, "test", "test");
    }

    /** On the PATH, or where pyenv installs it when the PATH (a CI runner's, say) leaves pyenv out. */
    private static String motoServer() {
        Stream<Path> candidates = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .map(Path::of),
                pyenvVersions());
        return candidates
                .map(directory -> directory.resolve("moto_server"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElse("moto_server");
    }

    private static Stream<Path> pyenvVersions() {
        Path versions = Path.of(
                System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv"), "versions");
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.map(version -> version.resolve("bin")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
