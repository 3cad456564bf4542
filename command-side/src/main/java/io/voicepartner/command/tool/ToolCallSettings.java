package io.voicepartner.command.tool;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the platform calls a tool's endpoint on a test. Which addresses it may call is {@link OutboundSettings}' and
 * {@link OutboundGrants}' to say.
 *
 * @param timeout       how long connecting, and then each wait for response bytes, may take
 * @param maxBodyLength the most characters of the response body shown; the rest is cut off
 */
@ConfigurationProperties("voicepartner.tool-calls")
record ToolCallSettings(Duration timeout, int maxBodyLength) {
}
