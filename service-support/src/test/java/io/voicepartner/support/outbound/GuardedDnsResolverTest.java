package io.voicepartner.support.outbound;

import static io.voicepartner.support.outbound.EndpointAddressesTest.mapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names are answered by a map, as a DNS server under an attacker's control would answer them. */
class GuardedDnsResolverTest {

    private final Map<String, List<InetAddress>> dns;
    private final GuardedDnsResolver resolver;

    GuardedDnsResolverTest() throws UnknownHostException {
        dns = Map.of(
                "metadata.example", List.of(mapped("169.254.169.254")),
                "loopback.example", List.of(mapped("127.0.0.1")),
                "nat64.example", List.of(InetAddress.getByName("64:ff9b::7f00:1")),
                "mixed.example", List.of(InetAddress.getByName("93.184.215.14"), mapped("10.0.0.1")),
                "public.example", List.of(mapped("93.184.215.14"), InetAddress.getByName("2606:4700::1111")));
        resolver = new GuardedDnsResolver(new EndpointAddresses(List.of()), host -> {
            List<InetAddress> answer = dns.get(host);
            if (answer == null) {
                throw new UnknownHostException(host);
            }
            return answer.toArray(InetAddress[]::new);
        });
    }

    @Test
    void refusesANameWhoseAaaaRecordMapsANonPublicIpv4Address() {
        assertThatExceptionOfType(RefusedEndpoint.class)
                .isThrownBy(() -> resolver.resolve("metadata.example"))
                .withMessageContaining("the cloud metadata address");
        assertThatExceptionOfType(RefusedEndpoint.class)
                .isThrownBy(() -> resolver.resolve("loopback.example", 80))
                .withMessageContaining("a loopback address");
        assertThatExceptionOfType(RefusedEndpoint.class)
                .isThrownBy(() -> resolver.resolve("nat64.example", 80))
                .withMessageContaining("a NAT64 address of 127.0.0.1, a loopback address");
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsNotPublic() {
        assertThatExceptionOfType(RefusedEndpoint.class)
                .isThrownBy(() -> resolver.resolve("mixed.example", 443))
                .withMessageContaining("a private address");
    }

    @Test
    void connectsToTheAddressesCheckedInTheFormChecked() throws UnknownHostException {
        List<InetSocketAddress> connected = resolver.resolve("public.example", 443);

        assertThat(connected)
                .containsExactly(
                        new InetSocketAddress(InetAddress.getByName("93.184.215.14"), 443),
                        new InetSocketAddress(InetAddress.getByName("2606:4700::1111"), 443));
    }
}
