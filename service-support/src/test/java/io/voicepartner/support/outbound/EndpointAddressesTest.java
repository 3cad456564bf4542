package io.voicepartner.support.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointAddressesTest {

    private final EndpointAddresses byDefault = new EndpointAddresses(List.of());

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, a loopback address",
        "127.8.9.10, a loopback address",
        "0.0.0.0, an unspecified (this-network) address",
        "10.0.0.1, a private address",
        "172.31.255.255, a private address",
        "192.168.1.1, a private address",
        "100.64.0.1, a carrier-grade NAT (shared) address",
        "100.127.255.255, a carrier-grade NAT (shared) address",
        "169.254.169.254, the cloud metadata address",
        "169.254.1.1, a link-local address",
        "224.0.0.1, a multicast address",
        "255.255.255.255, a reserved or broadcast address",
        "::1, a loopback address",
        "::, an unspecified address",
        "::ffff:127.0.0.1, a loopback address",
        "::ffff:169.254.169.254, the cloud metadata address",
        "::127.0.0.1, 'an IPv4-compatible address of 127.0.0.1, a loopback address'",
        "::ffff:0:a9fe:a9fe, 'an IPv4-translated address of 169.254.169.254, the cloud metadata address'",
        "64:ff9b::a00:1, 'a NAT64 address of 10.0.0.1, a private address'",
        "64:ff9b::a9fe:a9fe, 'a NAT64 address of 169.254.169.254, the cloud metadata address'",
        "64:ff9b:1::808:808, a local-use NAT64 address",
        "2002:a00:1::1, 'a 6to4 address of 10.0.0.1, a private address'",
        "2002:7f00:1::, 'a 6to4 address of 127.0.0.1, a loopback address'",
        "2001:0:4136:e378:8000:63bf:80ff:fffe, 'a Teredo address of 127.0.0.1, a loopback address'",
        "2001:0:a00:1:8000:63bf:f7f7:f7f7, 'a Teredo address of 10.0.0.1, a private address'",
        "fd00::1, a unique-local address",
        "fc00::1, a unique-local address",
        "fe80::1, a link-local address",
        "ff02::1, a multicast address"
    })
    void refusesAddressesThatAreNotPublic(String address, String reason) throws UnknownHostException {
        assertThat(byDefault.refusal(InetAddress.getByName(address))).contains(reason);
    }

    /**
     * An AAAA record holding {@code ::ffff:a.b.c.d} reaches Java as an {@link Inet6Address}, unlike the same text
     * in a URL, which Java turns into an {@link Inet4Address} itself: built here as a DNS answer would arrive.
     */
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, a loopback address",
        "169.254.169.254, the cloud metadata address",
        "10.0.0.1, a private address",
        "192.168.1.1, a private address"
    })
    void refusesIpv4MappedAddressesAsResolvedByAName(String ipv4, String reason) throws UnknownHostException {
        InetAddress mapped = mapped(ipv4);
        assertThat(mapped).isInstanceOf(Inet6Address.class);

        assertThat(byDefault.refusal(mapped)).contains(reason);
        assertThat(EndpointAddresses.normalised(mapped)).isEqualTo(InetAddress.getByName(ipv4));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"64:ff9b::808:808", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "::ffff:0:808:808"
            })
    void allowsTheIpv6FormsOfAPublicIpv4Address(String address) throws UnknownHostException {
        assertThat(byDefault.refusal(InetAddress.getByName(address))).isEmpty();
        assertThat(byDefault.refusal(mapped("8.8.8.8"))).isEmpty();
    }

    @Test
    void theAllowListAppliesToTheIpv4AddressAnIpv6FormCarries() throws UnknownHostException {
        EndpointAddresses onPremise = new EndpointAddresses(List.of("10.20.0.0/16"));

        assertThat(onPremise.refusal(mapped("10.20.3.4"))).isEmpty();
        assertThat(onPremise.refusal(InetAddress.getByName("64:ff9b::a14:304"))).isEmpty();
        assertThat(onPremise.refusal(InetAddress.getByName("64:ff9b::a15:304"))).isPresent();
    }

    static InetAddress mapped(String ipv4) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, bytes, 12, 4);
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "100.128.0.1",
                "172.32.0.1",
                "2606:4700::1111",
                "2a00:1450:4001:80b::200e"
            })
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertThat(byDefault.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void theAllowListOpensRangesAndHostsForOnPremiseTools() throws UnknownHostException {
        EndpointAddresses onPremise = new EndpointAddresses(List.of("10.20.0.0/16", "fd12::/16", "ERP.intranet"));

        assertThat(onPremise.refusal(InetAddress.getByName("10.20.3.4"))).isEmpty();
        assertThat(onPremise.refusal(InetAddress.getByName("fd12::5"))).isEmpty();
        assertThat(onPremise.refusal(InetAddress.getByName("10.21.0.1"))).contains("a private address");
        assertThat(onPremise.refusal(InetAddress.getByName("127.0.0.1"))).contains("a loopback address");
        assertThat(onPremise.allowsHost("erp.intranet")).isTrue();
        assertThat(onPremise.allowsHost("intranet")).isFalse();
    }
}
