package io.voicepartner.command.tool;

import java.net.UnknownHostException;

/**
 * A tool endpoint whose host resolves to an address the platform does not call. An
 * {@link UnknownHostException} because that is what a DNS resolver may throw, at connect time.
 */
class RefusedEndpoint extends UnknownHostException {

    RefusedEndpoint(String message) {
        super(message);
    }
}
