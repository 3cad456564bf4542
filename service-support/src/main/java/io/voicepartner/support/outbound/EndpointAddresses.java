package io.voicepartner.support.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which addresses the platform may call on a tenant's behalf (a tool's endpoint, a webhook's URL): public ones
 * only, so that neither can reach the platform's own network (server-side request forgery). The ranges refused are those of RFC 6890's
 * special-purpose registries that are not globally reachable. An IPv4-mapped IPv6 address
 * ({@code ::ffff:127.0.0.1}) is the IPv4 address it maps: Java normalises such a literal itself, but not an
 * address from a DNS answer, so every address is normalised here ({@link #normalised}). The IPv6 forms that embed
 * an IPv4 address (IPv4-compatible {@code ::/96}, IPv4-translated {@code ::ffff:0:0:0/96}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}) are judged by the IPv4 address they
 * carry, because that is where the packets end up; the local-use NAT64 prefix {@code 64:ff9b:1::/48} is refused
 * whole, as its operator chooses where in it the IPv4 address sits. The development allow-list
 * ({@code OUTBOUND_ALLOW_LIST}) opens ranges or host names for every tenant; the ranges an operator granted one
 * tenant ({@code OutboundGrants} of the command side) open them for that tenant's calls only.
 */
public final class EndpointAddresses {

    private static final Map<AddressRange, String> REFUSED = refused();

    private final List<AddressRange> allowedRanges = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();

    /** @param allowList CIDRs and host names (see {@link OutboundSettings#allowList()}) */
    public EndpointAddresses(List<String> allowList) {
        for (String entry : allowList) {
            if (entry.matches("[0-9a-fA-F:.]+(/\\d+)?") && (entry.contains(":") || entry.matches("[0-9./]+"))) {
                allowedRanges.add(AddressRange.parse(entry));
            } else {
                allowedHosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
    }

    public boolean allowsHost(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** @return why the platform does not call {@code resolved} ("a loopback address"), or empty if it may */
    public Optional<String> refusal(InetAddress resolved) {
        return refusal(resolved, List.of());
    }

    /**
     * @param granted the ranges an operator granted the tenant the call is made for
     * @return why the platform does not call {@code resolved} for that tenant, or empty if it may
     */
    public Optional<String> refusal(InetAddress resolved, List<AddressRange> granted) {
        InetAddress address = normalised(resolved);
        if (allowedRanges.stream().anyMatch(range -> range.contains(address))
                || granted.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        Optional<String> special = REFUSED.entrySet().stream()
                .filter(range -> range.getKey().contains(address))
                .map(Map.Entry::getValue)
                .findFirst();
        if (special.isPresent()) {
            return special;
        }
        for (Embedding embedding : Embedding.values()) {
            for (InetAddress embedded : embedding.embedded(address)) {
                Optional<String> refused = refusal(embedded, granted);
                if (refused.isPresent()) {
                    return Optional.of(
                            embedding.description + " of " + embedded.getHostAddress() + ", " + refused.get());
                }
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) stands for; any other as it is. */
    public static InetAddress normalised(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && hasPrefix(bytes, MAPPED, 12)) {
            return ipv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        return address;
    }

    /** The IPv6 forms that carry an IPv4 address, and where in them it sits. */
    private enum Embedding {
        IPV4_COMPATIBLE("an IPv4-compatible address", new byte[12], 96, 12),
        IPV4_TRANSLATED(
                "an IPv4-translated address",
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0},
                96,
                12),
        NAT64("a NAT64 address", new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, 96, 12),
        SIX_TO_FOUR("a 6to4 address", new byte[] {0x20, 0x02}, 16, 2),
        // the server's address at bits 32-63, the client's in the last 32 bits, inverted (RFC 4380)
        TEREDO("a Teredo address", new byte[] {0x20, 0x01, 0, 0}, 32, 4) {
            @Override
            List<InetAddress> embedded(InetAddress address) {
                if (!matches(address)) {
                    return List.of();
                }
                byte[] bytes = address.getAddress();
                byte[] client = Arrays.copyOfRange(bytes, 12, 16);
                for (int i = 0; i < client.length; i++) {
                    client[i] = (byte) ~client[i];
                }
                return List.of(ipv4(client), ipv4(Arrays.copyOfRange(bytes, 4, 8)));
            }
        };

        private final String description;
        private final byte[] prefix;
        private final int prefixBits;
        private final int at;

        Embedding(String description, byte[] prefix, int prefixBits, int at) {
            this.description = description;
            this.prefix = prefix;
            this.prefixBits = prefixBits;
            this.at = at;
        }

        boolean matches(InetAddress address) {
            return address instanceof Inet6Address && hasPrefix(address.getAddress(), prefix, prefixBits / 8);
        }

        List<InetAddress> embedded(InetAddress address) {
            return matches(address) ? List.of(ipv4(Arrays.copyOfRange(address.getAddress(), at, at + 4))) : List.of();
        }
    }

    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private static boolean hasPrefix(byte[] bytes, byte[] prefix, int length) {
        return bytes.length == 16 && Arrays.equals(bytes, 0, length, prefix, 0, length);
    }

    private static Inet4Address ipv4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("four bytes are an IPv4 address", e);
        }
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
        ranges.put("64:ff9b:1::/48", "a local-use NAT64 address");
        ranges.put("100::/64", "a discard address");
        ranges.put("2001:db8::/32", "a documentation address");
        ranges.put("fc00::/7", "a unique-local address");
        ranges.put("fe80::/10", "a link-local address");
        ranges.put("fec0::/10", "a site-local address");
        ranges.put("ff00::/8", "a multicast address");
        Map<AddressRange, String> parsed = new LinkedHashMap<>();
        ranges.forEach((cidr, reason) -> parsed.put(AddressRange.parse(cidr), reason));
        return parsed;
    }
}
