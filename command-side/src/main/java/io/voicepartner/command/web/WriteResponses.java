package io.voicepartner.command.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.support.security.ApiKeyCaller;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.web.DryRun;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer to an accepted write: the resource as the next read will show it ({@code 201}/{@code 200},
 * with {@code ETag}), or, when the read model has not caught up within the bound, {@code 202} with the
 * id, the revision to wait for and where to read it. Each {@code 202} counts in
 * {@code voicepartner.read_your_writes.timeouts} ({@code side=command}): a created resource the read model does not
 * show yet (the read finds nothing) as much as a change it shows at an older revision. A caller that may not read
 * the organization's resources (an API key without {@code config:read}) is not shown what it wrote: its writes are
 * answered {@code 202} with the id and revision at once, in every deployment alike, and are not counted. A dry run
 * ({@link DryRun}) stored nothing to read back: {@link DryRunAnswers} answers what would have been stored.
 */
@Component
public class WriteResponses {

    /** A stored write the read model has not shown yet: the revision to wait for and where to read it. */
    record Accepted(String id, long revision, String location) {}

    /** A deletion the read model already shows. */
    record Deleted(String id, boolean deleted, long revision) {}

    private final ReadYourWrites readYourWrites;
    private final DryRunAnswers dryRuns;
    private final Counter timeouts;

    WriteResponses(ReadYourWrites readYourWrites, DryRunAnswers dryRuns, MeterRegistry meters) {
        this.readYourWrites = readYourWrites;
        this.dryRuns = dryRuns;
        this.timeouts = Counter.builder("voicepartner.read_your_writes.timeouts")
                .description("Writes answered 202 because the read model did not show them in time")
                .tag("side", "command")
                .register(meters);
    }

    /**
     * @param caller        who the write was for: the read back is theirs
     * @param authorization their bearer token, for a read back over HTTP
     */
    public ResponseEntity<Object> created(
            String location, String id, long revision, Caller caller, String authorization) {
        return shown(HttpStatus.CREATED, location, id, revision, caller, authorization);
    }

    public ResponseEntity<Object> updated(
            String location, String id, long revision, Caller caller, String authorization) {
        return shown(HttpStatus.OK, location, id, revision, caller, authorization);
    }

    public ResponseEntity<Object> deleted(
            String location, String id, long revision, Caller caller, String authorization) {
        if (DryRun.requested()) {
            return dryRuns.answer(
                    HttpStatus.OK, location, id, revision, true, !mayNotRead(caller), caller, authorization);
        }
        if (mayNotRead(caller)) {
            return unread(location, id, revision);
        }
        ReadYourWrites.Outcome outcome = readYourWrites.await(location, revision, caller, authorization);
        if (outcome instanceof ReadYourWrites.Outcome.Gone) {
            return ResponseEntity.ok(ApiResponse.of(new Deleted(id, true, revision)));
        }
        return accepted(location, id, revision);
    }

    /**
     * A part of a resource taken from it (a member, an invitation): the part's id, once the resource, read as the
     * caller now sees it, shows the revision, or is gone for them (a member who left what they can no longer see).
     */
    public ResponseEntity<Object> removed(
            String location, String id, long revision, Caller caller, String authorization) {
        if (DryRun.requested()) {
            return dryRuns.answer(
                    HttpStatus.OK, location, id, revision, true, !mayNotRead(caller), caller, authorization);
        }
        if (mayNotRead(caller)) {
            return unread(location, id, revision);
        }
        ReadYourWrites.Outcome outcome = readYourWrites.await(location, revision, caller, authorization);
        if (outcome instanceof ReadYourWrites.Outcome.Visible || outcome instanceof ReadYourWrites.Outcome.Gone) {
            return ResponseEntity.ok(ApiResponse.of(new Deleted(id, true, revision)));
        }
        return accepted(location, id, revision);
    }

    /**
     * A write whose answer no read can give again, because it holds a secret shown this once (an invitation's
     * token): {@code 201} with that answer, after the resource at {@code location} was awaited at the revision so
     * that the next read shows the write. It is {@code 201} even when the read model has not caught up in time (a
     * {@code 202} would lose the secret), counted as any write the read model did not show.
     */
    public <T> ResponseEntity<ApiResponse<T>> createdOnce(
            T answer, String location, long revision, Caller caller, String authorization) {
        return once(HttpStatus.CREATED, answer, location, revision, caller, authorization);
    }

    /** As {@link #createdOnce}, for a change that makes a secret (a webhook endpoint's rotated one): {@code 200}. */
    public <T> ResponseEntity<ApiResponse<T>> shownOnce(
            T answer, String location, long revision, Caller caller, String authorization) {
        return once(HttpStatus.OK, answer, location, revision, caller, authorization);
    }

    private <T> ResponseEntity<ApiResponse<T>> once(
            HttpStatus status, T answer, String location, long revision, Caller caller, String authorization) {
        if (DryRun.requested()) {
            // DryRun.EXCLUDED refuses every route that shows a secret once, so a dry run never gets here
            throw new IllegalStateException("A dry run reached a write that shows a secret once: " + location);
        }
        if (!(readYourWrites.await(location, revision, caller, authorization)
                instanceof ReadYourWrites.Outcome.Visible)) {
            timeouts.increment();
        }
        return ResponseEntity.status(status).body(ApiResponse.of(answer));
    }

    private ResponseEntity<Object> shown(
            HttpStatus status, String location, String id, long revision, Caller caller, String authorization) {
        if (DryRun.requested()) {
            return dryRuns.answer(status, location, id, revision, false, !mayNotRead(caller), caller, authorization);
        }
        if (mayNotRead(caller)) {
            return unread(location, id, revision);
        }
        if (readYourWrites.await(location, revision, caller, authorization)
                instanceof ReadYourWrites.Outcome.Visible visible) {
            ResponseEntity.BodyBuilder response = ResponseEntity.status(status).eTag(Long.toString(visible.revision()));
            if (status == HttpStatus.CREATED) {
                response.location(URI.create(location));
            }
            return response.body(ApiResponse.of(visible.resource()));
        }
        return accepted(location, id, revision);
    }

    private ResponseEntity<Object> accepted(String location, String id, long revision) {
        timeouts.increment();
        return unread(location, id, revision);
    }

    /** A key without {@code config:read}; a member may always read what they wrote, whatever their role now. */
    private static boolean mayNotRead(Caller caller) {
        return caller instanceof ApiKeyCaller key && !key.may(Permission.READ);
    }

    private static ResponseEntity<Object> unread(String location, String id, long revision) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header(HttpHeaders.LOCATION, location)
                .eTag(Long.toString(revision))
                .body(ApiResponse.of(new Accepted(id, revision, location)));
    }
}
