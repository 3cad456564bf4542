package io.voicepartner.support.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up the addresses of a tool endpoint's or a webhook URL's host: the system's resolver, unless a bean of this type replaces
 * it. Public so that the platform's integration tests can answer a name with an address of their choosing (as a
 * hostile DNS server would), which Java 17 offers no other way to do.
 */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    /** @throws UnknownHostException if the name has no address */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
