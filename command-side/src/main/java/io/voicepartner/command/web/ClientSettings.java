package io.voicepartner.command.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trustedProxies {@code TRUSTED_PROXIES}: CIDRs ({@code 10.0.0.0/8}) of the gateways and load balancers
 *                       whose forwarded client address is believed; empty by default, so that the direct peer
 *                       is the client
 * @param addressHeader  {@code CLIENT_ADDRESS_HEADER}: the one header those proxies write the client's address
 *                       into, {@code X-Forwarded-For} (nginx, HAProxy, the cloud load balancers) or
 *                       {@code Forwarded} (RFC 7239). Only one is read: a proxy passes the other one on from the
 *                       client untouched, so reading it would let the client choose its own address.
 */
@ConfigurationProperties("voicepartner.clients")
record ClientSettings(List<String> trustedProxies, String addressHeader) {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED = "Forwarded";

    ClientSettings {
        trustedProxies = trustedProxies == null
                ? List.of()
                : trustedProxies.stream()
                        .map(String::trim)
                        .filter(entry -> !entry.isEmpty())
                        .toList();
        addressHeader = addressHeader == null || addressHeader.isBlank() ? X_FORWARDED_FOR : addressHeader.trim();
        if (!addressHeader.equalsIgnoreCase(X_FORWARDED_FOR) && !addressHeader.equalsIgnoreCase(FORWARDED)) {
            throw new IllegalArgumentException(
                    "CLIENT_ADDRESS_HEADER must be " + X_FORWARDED_FOR + " or " + FORWARDED + ", not " + addressHeader);
        }
    }

    boolean readsForwarded() {
        return addressHeader.equalsIgnoreCase(FORWARDED);
    }
}
