package io.voicepartner.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.OrganizationAccess;
import io.voicepartner.support.web.ApiException;
import io.voicepartner.support.web.InProcessReads;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Lets a write answer with what the next read will show. After the command is stored, the query side's
 * public read API is asked for the resource with {@code X-Min-Revision}: the query side holds the request
 * until its read model has reached that revision (it is notified when a projection commits, it does not
 * poll) or the bound passes. The command side never reads the query side's tables. Deployed apart (or with
 * {@code QUERY_SIDE_URL} set), the read goes over HTTP; in the all-in-one it calls the same route in process
 * ({@link InProcessReads}). What the read showed decides the write's answer ({@link WriteResponses}, which counts
 * the writes answered {@code 202}).
 */
@Component
public class ReadYourWrites {

    /** The header the query side's read API honours; see its {@code RevisionAwaiter}. */
    public static final String MIN_REVISION = "X-Min-Revision";

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final RestClient client;
    private final String configuredUrl;
    private final Environment environment;
    private final InProcessReads inProcess;

    ReadYourWrites(
            RestClient.Builder builder,
            Environment environment,
            ObjectProvider<InProcessReads> inProcess,
            @Value("${voicepartner.read-your-writes.query-side-url}") String configuredUrl,
            @Value("${voicepartner.read-your-writes.timeout}") Duration timeout) {
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(1));
        requestFactory.setReadTimeout(timeout.plusSeconds(2));
        this.client = builder.requestFactory(requestFactory).build();
        this.environment = environment;
        this.configuredUrl = configuredUrl;
        this.inProcess = configuredUrl == null || configuredUrl.isBlank() ? inProcess.getIfAvailable() : null;
    }

    /** What the read model showed: the resource at (at least) the revision, gone, or not there yet. */
    public sealed interface Outcome {
        /** @param resource what the read answered as {@code data}; {@code revision} is the one it shows */
        record Visible(Object resource, long revision) implements Outcome {}

        record Gone() implements Outcome {}

        record Pending() implements Outcome {}
    }

    /**
     * @param path          the resource's read path, e.g. {@code /api/assistants/{id}}
     * @param caller        who reads: the read is the caller's own
     * @param authorization the caller's {@code Authorization} header, for a read over HTTP
     */
    public Outcome await(String path, long revision, Caller caller, String authorization) {
        return inProcess != null
                ? readInProcess(path, revision, caller)
                : readOverHttp(path, revision, caller, authorization);
    }

    private Outcome readInProcess(String path, long revision, Caller caller) {
        try {
            ResponseEntity<?> response = inProcess
                    .read(path, revision, caller)
                    .orElseThrow(() -> new IllegalArgumentException("no single-resource read serves " + path));
            if (response.getStatusCode().is2xxSuccessful() && response.getBody() instanceof ApiResponse<?> body) {
                long shown = Long.parseLong(response.getHeaders().getETag().replace("\"", ""));
                if (shown >= revision) {
                    return new Outcome.Visible(body.data(), shown);
                }
            }
            return new Outcome.Pending();
        } catch (ApiException e) {
            return e.code() == ErrorCode.NOT_FOUND ? new Outcome.Gone() : new Outcome.Pending();
        } catch (RuntimeException e) {
            // as over HTTP: the write is stored whatever the read side says
            log.warn("Could not read {} back from the read model: {}", path, e.toString());
            return new Outcome.Pending();
        }
    }

    private Outcome readOverHttp(String path, long revision, Caller caller, String authorization) {
        try {
            return client.get()
                    .uri(baseUrl() + path)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    // the read is in the organization the write was in (none for the caller's own account)
                    .headers(headers -> Optional.ofNullable(caller.organizationId())
                            .ifPresent(
                                    organization -> headers.set(OrganizationAccess.ORGANIZATION_HEADER, organization)))
                    .header(MIN_REVISION, Long.toString(revision))
                    .exchange((request, response) -> outcome(
                            response.getStatusCode(),
                            response.getStatusCode().is2xxSuccessful() ? response.bodyTo(JsonNode.class) : null,
                            revision));
        } catch (RestClientException e) {
            // the write is stored whatever the read side says: an unreachable query side means "not visible yet"
            log.warn("Could not read {} back from the query side: {}", path, e.getMessage());
            return new Outcome.Pending();
        }
    }

    private static Outcome outcome(HttpStatusCode status, JsonNode body, long revision) {
        if (status.value() == 404) {
            return new Outcome.Gone();
        }
        JsonNode resource = Optional.ofNullable(body).map(b -> b.get("data")).orElse(null);
        long shown = resource == null ? 0 : resource.path("revision").asLong();
        if (status.is2xxSuccessful() && shown >= revision) {
            return new Outcome.Visible(resource, shown);
        }
        return new Outcome.Pending();
    }

    private String baseUrl() {
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            return configuredUrl;
        }
        return "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
    }
}
