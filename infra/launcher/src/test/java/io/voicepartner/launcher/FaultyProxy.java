package io.voicepartner.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback between the platform and a dependency (Kafka, PostgreSQL) that injects network
 * faults on demand: latency on every chunk, every connection reset at once (RST, not FIN), connections
 * refused, and half-open connections that stay established but carry nothing. Its connections to the target
 * can come from a loopback address of their own ({@link #from}), as a gateway on another host would.
 */
final class FaultyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final InetAddress source;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long latencyMillis;
    private volatile boolean refusing;
    private volatile boolean silent;

    private FaultyProxy(ServerSocket server, InetSocketAddress target, InetAddress source) {
        this.server = server;
        this.target = target;
        this.source = source;
    }

    /** @param port where to listen on loopback, 0 for any free port */
    static FaultyProxy start(int port, String targetHost, int targetPort) {
        return start(port, targetHost, targetPort, null);
    }

    /** A proxy on a free port whose connections reach the target from {@code sourceAddress} ({@code 127.0.0.3}). */
    static FaultyProxy from(String sourceAddress, String targetHost, int targetPort) {
        try {
            return start(0, targetHost, targetPort, InetAddress.getByName(sourceAddress));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FaultyProxy start(int port, String targetHost, int targetPort, InetAddress source) {
        try {
            ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            FaultyProxy proxy = new FaultyProxy(server, new InetSocketAddress(targetHost, targetPort), source);
            proxy.pumps.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every chunk, in either direction, is forwarded this much later (order kept). */
    void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /** Resets every open connection at once, as a crashed peer or a dropped NAT entry would. */
    void resetAll() {
        sockets.forEach(FaultyProxy::reset);
    }

    /** Refuses (resets) new connections and resets the open ones: the dependency is gone. */
    void cut() {
        refusing = true;
        resetAll();
    }

    /** Keeps connections established but forwards nothing either way: a half-open link. */
    void silence() {
        silent = true;
    }

    /** No more faults; connections broken meanwhile stay broken and the clients reconnect. */
    void heal() {
        refusing = false;
        silent = false;
        latencyMillis = 0;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        resetAll();
        pumps.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket();
                if (source != null) {
                    upstream.bind(new InetSocketAddress(source, 0));
                }
                upstream.connect(target, 5_000);
                sockets.add(client);
                sockets.add(upstream);
                ScheduledExecutorService toUpstream = Executors.newSingleThreadScheduledExecutor(daemon());
                ScheduledExecutorService toClient = Executors.newSingleThreadScheduledExecutor(daemon());
                pumps.execute(() -> pump(client, upstream, toUpstream));
                pumps.execute(() -> pump(upstream, client, toClient));
            } catch (IOException e) {
                // a failed accept or an unreachable target: the client sees its connection closed
            }
        }
    }

    private void pump(Socket from, Socket to, ScheduledExecutorService sender) {
        byte[] buffer = new byte[64 * 1024];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (silent) {
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buffer, read);
                // a write that fails resets the connection itself; nothing waits for it
                var unused = sender.schedule(() -> write(out, chunk, to), latencyMillis, TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            reset(from);
            reset(to);
        } finally {
            sender.shutdown();
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void write(OutputStream out, byte[] chunk, Socket to) {
        try {
            out.write(chunk);
            out.flush();
        } catch (IOException e) {
            reset(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "faulty-proxy-sender");
            thread.setDaemon(true);
            return thread;
        };
    }
}
