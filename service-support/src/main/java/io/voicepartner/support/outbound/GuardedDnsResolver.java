package io.voicepartner.support.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a tool's host for the HTTP client at the moment it connects, and hands it only addresses that
 * {@link EndpointAddresses} allows: every A and AAAA record must be allowed, not just the first. Each address is
 * normalised before it is checked (an IPv4-mapped {@code ::ffff:127.0.0.1} in an AAAA record becomes
 * {@code 127.0.0.1}), and the client connects to exactly the addresses checked, as they were checked, so a name
 * that resolves differently on a second lookup (DNS rebinding) has no second lookup to exploit. Address literals
 * in the URL come through here too. The ranges an operator granted the tenant a call is made for
 * ({@code OutboundGrants} of the command side) are handed in for the duration of that call ({@link #forTenant}): the client resolves in
 * the calling thread, and the caller never reuses a connection, so none opened for one tenant serves another.
 */
public class GuardedDnsResolver implements DnsResolver {

    private final EndpointAddresses addresses;
    private final HostResolver resolver;
    private final ThreadLocal<List<AddressRange>> granted = ThreadLocal.withInitial(List::of);

    public GuardedDnsResolver(EndpointAddresses addresses, HostResolver resolver) {
        this.addresses = addresses;
        this.resolver = resolver;
    }

    /** A call made with this resolver while the returned scope is open may reach {@code ranges} too. */
    public Scope forTenant(List<AddressRange> ranges) {
        granted.set(List.copyOf(ranges));
        return granted::remove;
    }

    /** Closes without an exception to catch. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] resolved = resolver.resolve(bare);
        if (resolved == null || resolved.length == 0) {
            throw new UnknownHostException(bare + " has no address");
        }
        InetAddress[] normalised =
                Arrays.stream(resolved).map(EndpointAddresses::normalised).toArray(InetAddress[]::new);
        if (addresses.allowsHost(bare)) {
            return normalised;
        }
        for (int i = 0; i < normalised.length; i++) {
            var refusal = addresses.refusal(normalised[i], granted.get());
            if (refusal.isPresent()) {
                String shown = resolved[i].getHostAddress();
                throw new RefusedEndpoint(
                        bare.equals(shown) || bare.equals(normalised[i].getHostAddress())
                                ? bare + " is " + refusal.get() + ", which the platform does not call"
                                : bare + " resolves to " + shown + ", " + refusal.get()
                                        + ", which the platform does not call");
            }
        }
        return normalised;
    }

    /** The client connects through this one: spelled out so that it can only ever use the addresses checked. */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
