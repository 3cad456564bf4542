package io.voicepartner.support.web;

import java.io.IOException;

/** Thrown while reading a request body that goes past the configured limit. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}
