package io.voicepartner.launcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gateway in front of a platform under test, at an address the platform trusts to forward its clients'
 * addresses ({@code TRUSTED_PROXIES}, set by {@link PlatformIT}): requests through it come from
 * {@link #ADDRESS}, while the tests' own requests come from 127.0.0.1, a peer the platform does not trust.
 * Like {@code infra/gateway}, it passes on the {@code X-Forwarded-For} it is given.
 */
final class TrustedGateway {

    /** A loopback address of its own, so that 127.0.0.1 stays an untrusted client. */
    static final String ADDRESS = "127.0.0.3";

    static final String RANGE = ADDRESS + "/32";

    private static final Map<Integer, FaultyProxy> GATEWAYS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> GATEWAYS.values().forEach(FaultyProxy::close)));
    }

    private TrustedGateway() {}

    /** The API of the platform on {@code port} as the gateway passes on a request of the client at {@code client}. */
    static Api forClient(int port, String client) {
        FaultyProxy gateway = GATEWAYS.computeIfAbsent(port, target -> FaultyProxy.from(ADDRESS, "127.0.0.1", target));
        return new Api("http://127.0.0.1:" + gateway.port()).withHeader("X-Forwarded-For", client);
    }
}
