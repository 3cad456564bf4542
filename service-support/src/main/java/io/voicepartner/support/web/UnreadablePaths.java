package io.voicepartner.support.web;

import io.voicepartner.api.web.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * A path Tomcat cannot decode ({@code /api/assistants/%00}, an encoded NUL) is refused by Tomcat before the
 * application sees it, with a {@code 400} and an HTML page. Such a path names no resource: it is answered {@code 404}
 * in the error envelope, as any id of the wrong shape is (issue 17). Tomcat's own report stays for every other
 * error that never reached the application.
 */
@Component
class UnreadablePaths implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ErrorResponses errors;

    UnreadablePaths(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // added after Spring Boot's own report valve (order 0), so deeper in the host's pipeline: it reports first
        factory.addContextCustomizers(
                context -> context.getParent().getPipeline().addValve(new Valve(errors)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static final class Valve extends ErrorReportValve {

        /** The start of the message Tomcat sends with the 400 of a path it could not decode or normalise. */
        private static final String INVALID_URI = "Invalid URI";

        private final ErrorResponses errors;

        Valve(ErrorResponses errors) {
            this.errors = errors;
            setShowReport(false);
            setShowServerInfo(false);
        }

        /**
         * Tomcat refused the path ({@code Invalid URI}: an encoded NUL), or decoded it to no character at all (a byte
         * that is not UTF-8 becomes U+FFFD). A path of {@code %FF} still gets Tomcat's own 400 page by a way this does
         * not catch yet (issue 17, left open).
         */
        private static boolean unreadable(Request request, Response response) {
            String message = response.getMessage();
            String decoded = request.getDecodedRequestURI();
            return (message != null && message.startsWith(INVALID_URI))
                    || (decoded != null && decoded.indexOf('\uFFFD') >= 0);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (response.getStatus() != 400 || response.getContentWritten() > 0 || !unreadable(request, response)) {
                super.report(request, response, throwable);
                return;
            }
            try {
                // as Tomcat's own report is written: through the reporter, which a suspended error response still has
                response.setStatus(ErrorCode.NOT_FOUND.status());
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                // Tomcat drops the connection after a request it could not parse: say so, so no client reuses it
                response.setHeader("Connection", "close");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(errors.json(ErrorCode.NOT_FOUND, "No such route."));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone, or the response cannot be written any more: there is no one left to answer
            }
        }
    }
}
