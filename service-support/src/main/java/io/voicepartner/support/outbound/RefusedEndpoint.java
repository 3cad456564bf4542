package io.voicepartner.support.outbound;

import java.net.UnknownHostException;

/**
 * A tool endpoint whose host resolves to an address the platform does not call. An
 * {@link UnknownHostException} because that is what a DNS resolver may throw, at connect time.
 */
public class RefusedEndpoint extends UnknownHostException {

    public RefusedEndpoint(String message) {
        super(message);
    }
}
