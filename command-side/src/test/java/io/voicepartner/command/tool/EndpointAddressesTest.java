package io.voicepartner.command.tool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
            "::127.0.0.1, an IPv4-compatible address",
            "64:ff9b::a00:1, a NAT64 address",
            "2002:a00:1::1, a 6to4 address",
            "2001:0:4136:e378::1, a Teredo address",
            "fd00::1, a unique-local address",
            "fc00::1, a unique-local address",
            "fe80::1, a link-local address",
            "ff02::1, a multicast address"})
    void refusesAddressesThatAreNotPublic(String address, String reason) throws UnknownHostException {
        assertThat(byDefault.refusal(InetAddress.getByName(address))).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::1111",
            "2a00:1450:4001:80b::200e"})
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
