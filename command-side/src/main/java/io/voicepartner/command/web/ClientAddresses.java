package io.voicepartner.command.web;

import io.voicepartner.support.outbound.AddressRange;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The address of the client a request comes from, the key of the limits per client. It is the direct peer,
 * unless the peer is a trusted proxy ({@code TRUSTED_PROXIES}): then it is the last address the proxies
 * forwarded ({@code X-Forwarded-For}, or {@code Forwarded: for=} when {@code CLIENT_ADDRESS_HEADER} says so)
 * that is not itself a trusted proxy.
 * Everything left of that address was written by the client and could be anything, so it is never read; and a
 * peer that is not trusted forwards nothing, so that a client cannot pick the key it is counted under.
 */
@Component
@EnableConfigurationProperties(ClientSettings.class)
public class ClientAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern FORWARDED_FOR =
            Pattern.compile("(?i)(?:^|[;,])\\s*for\\s*=\\s*(\"[^\"]*\"|[^;,\\s]*)");

    private final List<AddressRange> trustedProxies;
    private final boolean readsForwarded;

    ClientAddresses(ClientSettings settings) {
        this.trustedProxies =
                settings.trustedProxies().stream().map(ClientAddresses::range).toList();
        this.readsForwarded = settings.readsForwarded();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!literal(peer).map(this::trusted).orElse(false)) {
            return peer;
        }
        List<String> hops = forwardedFor(request);
        Collections.reverse(hops);
        String client = peer;
        for (String hop : hops) {
            InetAddress address = literal(hop).orElse(null);
            if (address == null) {
                // an obfuscated or unknown hop ("unknown", "_hidden"): the last address known is as far as it goes
                return client;
            }
            client = address.getHostAddress();
            if (!trusted(address)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** The hops in the order the proxies added them, over every line of the header. */
    private List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        if (readsForwarded) {
            Collections.list(request.getHeaders(ClientSettings.FORWARDED)).forEach(header -> {
                Matcher matcher = FORWARDED_FOR.matcher(header);
                while (matcher.find()) {
                    hops.add(matcher.group(1));
                }
            });
        } else {
            Collections.list(request.getHeaders(ClientSettings.X_FORWARDED_FOR))
                    .forEach(header -> hops.addAll(List.of(header.split(","))));
        }
        return hops;
    }

    /**
     * An address literal ({@code 203.0.113.7}, {@code 203.0.113.7:4711}, {@code "[2001:db8::7]:4711"}), never a
     * name: a header must not make the server ask DNS.
     */
    static Optional<InetAddress> literal(String hop) {
        String node = hop.trim();
        if (node.length() > 1 && node.startsWith("\"") && node.endsWith("\"")) {
            node = node.substring(1, node.length() - 1);
        }
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            node = end < 0 ? "" : node.substring(1, end);
        } else if (node.indexOf(':') >= 0 && node.indexOf(':') == node.lastIndexOf(':')) {
            node = node.substring(0, node.indexOf(':'));
        }
        if (!IPV4.matcher(node).matches() && !IPV6.matcher(node).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(node.toLowerCase(Locale.ROOT)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static AddressRange range(String cidr) {
        try {
            return AddressRange.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "TRUSTED_PROXIES: " + e.getMessage() + "; give CIDRs, comma-separated (10.0.0.0/8,192.168.1.5/32)",
                    e);
        }
    }
}
