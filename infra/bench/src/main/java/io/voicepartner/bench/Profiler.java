package io.voicepartner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Java Flight Recorder on the platform's process, through {@code jcmd}, for the phase worth profiling. */
final class Profiler {

    private Profiler() {}

    static void start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
    }

    static String stop(long pid) throws IOException, InterruptedException {
        return jcmd(pid, "JFR.stop", "name=bench");
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        String[] line = new String[command.length + 2];
        line[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        line[1] = Long.toString(pid);
        System.arraycopy(command, 0, line, 2, command.length);
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return output.replace('\n', ' ');
    }
}
