package io.voicepartner.query.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.consuming.RevisionAwaiter;
import io.voicepartner.support.web.ApiException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every single-resource read does: honour {@code X-Min-Revision} (wait, bounded, until the read
 * model has reached that revision: read-your-writes), serve {@code ETag: "<revision>"}, and answer
 * {@code 304} to an {@code If-None-Match} that still matches. A wait that ends before the read model got
 * there counts in {@code voicepartner.read_your_writes.timeouts} ({@code side=query}).
 */
@Component
public class Reads {

    public static final String MIN_REVISION = "X-Min-Revision";

    private final RevisionAwaiter awaiter;
    private final Duration timeout;
    private final Counter timeouts;

    Reads(
            RevisionAwaiter awaiter,
            @Value("${voicepartner.read-your-writes.timeout}") Duration timeout,
            MeterRegistry meters) {
        this.awaiter = awaiter;
        this.timeout = timeout;
        this.timeouts = Counter.builder("voicepartner.read_your_writes.timeouts")
                .description("Reads with X-Min-Revision answered before the read model reached it")
                .tag("side", "query")
                .register(meters);
    }

    /**
     * @param currentRevision the revision the read model holds for the aggregate, deleted or not (0 if none)
     * @param view            the caller's view of it, empty if it does not exist for the caller
     */
    public <T> ResponseEntity<ApiResponse<T>> one(
            String what,
            String id,
            String minRevision,
            String ifNoneMatch,
            LongSupplier currentRevision,
            Supplier<Optional<T>> view,
            ToLongFunction<T> revisionOf) {
        Supplier<Optional<T>> read = view;
        if (minRevision != null) {
            ViewOnceWoken<T> waited = new ViewOnceWoken<>(currentRevision, view, revisionOf);
            await(id, minRevision, waited);
            read = waited::latest;
        }
        T found = read.get().orElseThrow(() -> ApiException.notFound(what, id));
        String etag = "\"" + revisionOf.applyAsLong(found) + "\"";
        if (ifNoneMatch != null && ifNoneMatch.replace("W/", "").trim().equals(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(ApiResponse.of(found));
    }

    /**
     * The wait of {@link #one} alone, for a read that must wait before it can even be admitted (an organization the
     * write just made the caller a member of).
     *
     * @param minRevision the {@code X-Min-Revision} header
     * @return whether the read model reached it within the bound
     */
    public boolean await(String id, String minRevision, LongSupplier currentRevision) {
        boolean reached = awaiter.await(id, parseRevision(minRevision), timeout, currentRevision);
        if (!reached) {
            timeouts.increment();
        }
        return reached;
    }

    private static long parseRevision(String header) {
        try {
            long revision = Long.parseLong(header.trim());
            if (revision >= 1) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid(MIN_REVISION, "must be a revision number (1 or more)");
    }
}
