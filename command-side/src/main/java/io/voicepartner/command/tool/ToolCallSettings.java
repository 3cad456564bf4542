package io.voicepartner.command.tool;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the platform calls a tool's endpoint on a test. Which addresses it may call is {@link OutboundSettings}' and
 * {@link OutboundGrants}' to say.
 *
 * @param timeout             {@code TOOL_CALL_TIMEOUT}: the deadline of the whole call, from connecting to the
 *                            last byte of the answer; connecting, and each wait for response bytes, are bounded
 *                            by it too
 * @param maxBodyLength       the most characters of the response body shown; the rest is cut off
 * @param concurrentPerTenant {@code TOOL_CALL_CONCURRENCY_PER_TENANT}: test calls one tenant may have running
 *                            at once; one more is a {@code 429}
 * @param concurrent          {@code TOOL_CALL_CONCURRENCY}: test calls running at once for all tenants together
 *                            (the connections the platform keeps for them); one more is a {@code 429}
 */
@ConfigurationProperties("voicepartner.tool-calls")
record ToolCallSettings(Duration timeout, int maxBodyLength, int concurrentPerTenant, int concurrent) {

    ToolCallSettings {
        if (concurrentPerTenant < 1 || concurrent < concurrentPerTenant) {
            throw new IllegalArgumentException("TOOL_CALL_CONCURRENCY_PER_TENANT must be at least 1 and at most "
                    + "TOOL_CALL_CONCURRENCY, so that one tenant cannot take every call the platform makes at once");
        }
    }
}
