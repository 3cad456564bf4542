package io.voicepartner.command.tool;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * How the platform calls a tool's endpoint on a test.
 *
 * @param timeout       how long connecting, and then each wait for response bytes, may take
 * @param maxBodyLength the most characters of the response body shown; the rest is cut off
 * @param allowList     {@code TOOL_CALL_ALLOW_LIST}: CIDRs ({@code 10.20.0.0/16}) and host names
 *                      ({@code erp.intranet}) that may be called although they are not public, for on-premise
 *                      tools; empty by default, so that only public addresses are called
 */
@ConfigurationProperties("voicepartner.tool-calls")
record ToolCallSettings(Duration timeout, int maxBodyLength, List<String> allowList) {

    ToolCallSettings {
        allowList = allowList == null ? List.of() : allowList.stream().map(String::trim).filter(e -> !e.isEmpty())
                .toList();
    }
}
