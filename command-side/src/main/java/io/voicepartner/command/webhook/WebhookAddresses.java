package io.voicepartner.command.webhook;

import io.voicepartner.command.common.Refusal;
import io.voicepartner.support.outbound.EndpointAddresses;
import io.voicepartner.support.outbound.OutboundSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses, when an endpoint is written, a URL whose host is an address the platform never calls (a private, loopback,
 * link-local, … one), unless {@code OUTBOUND_ALLOW_LIST} opens it: the same rule as every delivery's, which is checked
 * again at connect time for every address a name resolves to. Names are not resolved here: what one resolves to now
 * says nothing about later, so the connection's check is the one that counts.
 */
@Component
@EnableConfigurationProperties(OutboundSettings.class)
class WebhookAddresses {

    private final EndpointAddresses addresses;

    WebhookAddresses(OutboundSettings outbound) {
        this.addresses = new EndpointAddresses(outbound.allowList());
    }

    void requireCallable(String url) {
        String host = URI.create(url).getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*") || addresses.allowsHost(bare)) {
            return;
        }
        InetAddress literal;
        try {
            literal = InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw Refusal.invalid("url", "has a host that is not an address");
        }
        addresses.refusal(literal).ifPresent(reason -> {
            throw Refusal.invalid(
                    "url",
                    bare + " is " + reason + ", which the platform does not call; only public addresses receive "
                            + "webhooks");
        });
    }
}
