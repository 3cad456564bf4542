package io.voicepartner.command.tool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which addresses the platform may call on a user's behalf: public ones only, so that a tool's endpoint cannot
 * reach the platform's own network (server-side request forgery). The ranges refused are those of RFC 6890's
 * special-purpose registries that are not globally reachable, plus the IPv6 forms that embed an IPv4 address
 * (compatible, NAT64, 6to4, Teredo), which could carry a private one. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:127.0.0.1}) need no range of their own: Java resolves them to the IPv4 address they map, which
 * is checked as such. The allow-list opens ranges or host names for on-premise tools.
 */
final class EndpointAddresses {

    private static final Map<AddressRange, String> REFUSED = refused();

    private final List<AddressRange> allowedRanges = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();

    /** @param allowList CIDRs and host names (see {@link ToolCallSettings#allowList()}) */
    EndpointAddresses(List<String> allowList) {
        for (String entry : allowList) {
            if (entry.matches("[0-9a-fA-F:.]+(/\\d+)?") && (entry.contains(":") || entry.matches("[0-9./]+"))) {
                allowedRanges.add(AddressRange.parse(entry));
            } else {
                allowedHosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
    }

    boolean allowsHost(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** @return why the platform does not call {@code address} ("a loopback address"), or empty if it may */
    Optional<String> refusal(InetAddress address) {
        if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        return REFUSED.entrySet().stream().filter(range -> range.getKey().contains(address)).map(Map.Entry::getValue)
                .findFirst();
    }

    private static Map<AddressRange, String> refused() {
        Map<String, String> ranges = new LinkedHashMap<>();
        ranges.put("0.0.0.0/8", "an unspecified (this-network) address");
        ranges.put("10.0.0.0/8", "a private address");
        ranges.put("100.64.0.0/10", "a carrier-grade NAT (shared) address");
        ranges.put("127.0.0.0/8", "a loopback address");
        ranges.put("169.254.169.254/32", "the cloud metadata address");
        ranges.put("169.254.0.0/16", "a link-local address");
        ranges.put("172.16.0.0/12", "a private address");
        ranges.put("192.0.0.0/24", "an IETF protocol assignment");
        ranges.put("192.0.2.0/24", "a documentation address");
        ranges.put("192.88.99.0/24", "a 6to4 relay address");
        ranges.put("192.168.0.0/16", "a private address");
        ranges.put("198.18.0.0/15", "a benchmarking address");
        ranges.put("198.51.100.0/24", "a documentation address");
        ranges.put("203.0.113.0/24", "a documentation address");
        ranges.put("224.0.0.0/4", "a multicast address");
        ranges.put("240.0.0.0/4", "a reserved or broadcast address");
        ranges.put("::/128", "an unspecified address");
        ranges.put("::1/128", "a loopback address");
        ranges.put("::/96", "an IPv4-compatible address");
        ranges.put("64:ff9b::/96", "a NAT64 address");
        ranges.put("64:ff9b:1::/48", "a NAT64 address");
        ranges.put("100::/64", "a discard address");
        ranges.put("2001::/32", "a Teredo address");
        ranges.put("2001:db8::/32", "a documentation address");
        ranges.put("2002::/16", "a 6to4 address");
        ranges.put("fc00::/7", "a unique-local address");
        ranges.put("fe80::/10", "a link-local address");
        ranges.put("fec0::/10", "a site-local address");
        ranges.put("ff00::/8", "a multicast address");
        Map<AddressRange, String> parsed = new LinkedHashMap<>();
        ranges.forEach((cidr, reason) -> parsed.put(AddressRange.parse(cidr), reason));
        return parsed;
    }
}
