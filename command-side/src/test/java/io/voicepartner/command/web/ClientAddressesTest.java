package io.voicepartner.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private final ClientAddresses behindGateways =
            new ClientAddresses(new ClientSettings(List.of("127.0.0.3/32", " 10.0.0.0/8 "), null));
    private final ClientAddresses behindRfc7239Gateways =
            new ClientAddresses(new ClientSettings(List.of("127.0.0.3/32"), "forwarded"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItForwards() {
        ClientAddresses direct = new ClientAddresses(new ClientSettings(List.of(), "X-Forwarded-For"));

        assertThat(direct.of(request("127.0.0.3", "X-Forwarded-For", "203.0.113.9")))
                .isEqualTo("127.0.0.3");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(behindGateways.of(request("198.51.100.7", "X-Forwarded-For", "203.0.113.9")))
                .isEqualTo("198.51.100.7");
        assertThat(behindGateways.of(request("198.51.100.7", "Forwarded", "for=203.0.113.9")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedPeerForwardsTheLastAddressThatIsNoTrustedProxy() {
        assertThat(behindGateways.of(request("127.0.0.3", "X-Forwarded-For", "192.0.2.1, 203.0.113.9, 10.1.2.3")))
                .isEqualTo("203.0.113.9");
        assertThat(behindGateways.of(request("127.0.0.3", "X-Forwarded-For", "203.0.113.9:4711")))
                .isEqualTo("203.0.113.9");
    }

    /** A gateway passes on the header it does not write as the client sent it: only the configured one is read. */
    @Test
    void onlyTheConfiguredHeaderIsRead() {
        MockHttpServletRequest request =
                request("127.0.0.3", "Forwarded", "for=192.0.2.1;proto=https, for=\"[2001:db8::6]:4711\"");
        request.addHeader("X-Forwarded-For", "203.0.113.9");

        assertThat(behindGateways.of(request)).isEqualTo("203.0.113.9");
        assertThat(behindRfc7239Gateways.of(request)).isEqualTo("2001:db8:0:0:0:0:0:6");
        assertThat(behindGateways.of(request("127.0.0.3", "Forwarded", "for=192.0.2.1")))
                .isEqualTo("127.0.0.3");
    }

    @Test
    void aHopThatIsNoAddressEndsTheChainAtTheLastAddressKnown() {
        assertThat(behindGateways.of(request("127.0.0.3", "X-Forwarded-For", "203.0.113.9, unknown")))
                .isEqualTo("127.0.0.3");
        assertThat(behindGateways.of(request("127.0.0.3", "X-Forwarded-For", "203.0.113.9, localhost")))
                .isEqualTo("127.0.0.3");
        assertThat(behindRfc7239Gateways.of(request("127.0.0.3", "Forwarded", "for=_hidden")))
                .isEqualTo("127.0.0.3");
    }

    @Test
    void onlyAddressLiteralsAreRead() {
        assertThat(ClientAddresses.literal("example.com")).isEmpty();
        assertThat(ClientAddresses.literal("cafe")).isEmpty();
        assertThat(ClientAddresses.literal("999.1.1.1")).isEmpty();
        assertThat(ClientAddresses.literal("::ffff:203.0.113.9"))
                .hasValueSatisfying(
                        address -> assertThat(address.getHostAddress()).isEqualTo("203.0.113.9"));
    }

    @Test
    void aTrustedProxyThatIsNoRangeStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddresses(new ClientSettings(List.of("gateway.internal"), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TRUSTED_PROXIES");
        assertThatThrownBy(() -> new ClientSettings(List.of(), "X-Real-IP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CLIENT_ADDRESS_HEADER");
    }

    private static MockHttpServletRequest request(String peer, String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/token");
        request.setRemoteAddr(peer);
        request.addHeader(header, value);
        return request;
    }
}
