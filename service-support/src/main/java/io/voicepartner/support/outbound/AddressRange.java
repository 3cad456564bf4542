package io.voicepartner.support.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR block, IPv4 or IPv6: {@code 10.0.0.0/8}, {@code fc00::/7}. Shared by the settings that name
 * ranges: the tool calls' allow-list and the trusted proxies.
 */
public record AddressRange(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException if {@code cidr} is not an address literal with a fitting prefix */
    public static AddressRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            // never resolve a name here: only literals make ranges
            throw new IllegalArgumentException(cidr + " is not an address range");
        }
        try {
            byte[] network = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException(cidr + " has a prefix longer than its address");
            }
            return new AddressRange(network, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException(cidr + " is not an address range", e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
