package io.voicepartner.support.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform-wide allow-list of the outbound calls made for tenants, for development only.
 *
 * @param allowList {@code OUTBOUND_ALLOW_LIST}: CIDRs ({@code 127.0.0.5/32}) and host names that every tenant's
 *                  calls may reach although they are not public, so that a developer can call a tool on their own
 *                  machine; empty by default, and refused under {@code VOICEPARTNER_PRODUCTION=true}, where a
 *                  tenant that needs an on-premise range is granted it alone ({@code OutboundGrants} of the command side, ADR 0025)
 */
@ConfigurationProperties("voicepartner.outbound")
public record OutboundSettings(List<String> allowList) {

    public OutboundSettings {
        allowList = allowList == null
                ? List.of()
                : allowList.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
    }
}
