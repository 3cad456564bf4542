package io.voicepartner.command.tool;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a tool's host for the HTTP client at the moment it connects, and hands it only addresses that
 * {@link EndpointAddresses} allows: every A and AAAA record must be allowed, not just the first, and the client
 * connects to exactly the addresses checked, so a name that resolves differently on a second lookup (DNS
 * rebinding) has no second lookup to exploit. Address literals in the URL come through here too.
 */
class GuardedDnsResolver implements DnsResolver {

    private final EndpointAddresses addresses;

    GuardedDnsResolver(EndpointAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] resolved = SystemDefaultDnsResolver.INSTANCE.resolve(bare);
        if (addresses.allowsHost(bare)) {
            return resolved;
        }
        for (InetAddress address : resolved) {
            var refusal = addresses.refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedEndpoint(bare.equals(address.getHostAddress())
                        ? bare + " is " + refusal.get() + ", which the platform does not call"
                        : bare + " resolves to " + address.getHostAddress() + ", " + refusal.get()
                                + ", which the platform does not call");
            }
        }
        return resolved;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
