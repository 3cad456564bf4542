package io.voicepartner.support.security;

import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ErrorResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A URL Spring Security's firewall refuses ({@code /api/assistants/%FF}, which decodes to no character) names no
 * resource: it is answered {@code 404} in the error envelope, as any id of the wrong shape is (issue 17), not with
 * the firewall's bare {@code 400}. Other refusals of the firewall (a header, a method) keep its {@code 400}.
 */
@Component
class RejectedPaths implements RequestRejectedHandler {

    private final ErrorResponses errors;
    private final RequestRejectedHandler others = new HttpStatusRequestRejectedHandler();

    RejectedPaths(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException, ServletException {
        if (aboutThePath(rejected.getMessage())) {
            errors.write(response, ErrorCode.NOT_FOUND, "No such route.");
        } else {
            others.handle(request, response, rejected);
        }
    }

    /** The firewall's reasons name what they refuse: the URL, the requestURI or servletPath, or a header, a parameter. */
    private static boolean aboutThePath(String reason) {
        return reason != null
                && !reason.contains("header")
                && !reason.contains("parameter")
                && (reason.contains("URL") || reason.contains("URI") || reason.contains("Path"));
    }
}
