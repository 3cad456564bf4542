package io.voicepartner.query.web;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What a read with {@code X-Min-Revision} asks the read model while it waits, so that the wait's last question is also
 * the read: before the first wait, the aggregate's revision (a projection has rarely caught up yet when a write's
 * read-back asks); after a notification woke it, the caller's view itself, which answers the read when it shows the
 * revision. A read-back was three statements (the revision before the wait, the revision after, the row) and is two.
 *
 * <p>The wait answers the same as before. A view that is empty (the aggregate is deleted, or not the caller's) or
 * behind falls back to the revision, so a caller who names another organization's aggregate still waits as long as
 * for an id that never existed, however that aggregate advances (issue 17).
 */
final class ViewOnceWoken<T> implements LongSupplier {

    private final LongSupplier currentRevision;
    private final Supplier<Optional<T>> view;
    private final ToLongFunction<T> revisionOf;
    private boolean askedBefore;
    private Optional<T> seen = Optional.empty();

    ViewOnceWoken(LongSupplier currentRevision, Supplier<Optional<T>> view, ToLongFunction<T> revisionOf) {
        this.currentRevision = currentRevision;
        this.view = view;
        this.revisionOf = revisionOf;
    }

    /** The revision the read model holds for the caller now: the first question, then every one after a wake-up. */
    @Override
    public long getAsLong() {
        if (!askedBefore) {
            askedBefore = true;
            return currentRevision.getAsLong();
        }
        seen = view.get();
        return seen.isPresent() ? revisionOf.applyAsLong(seen.get()) : currentRevision.getAsLong();
    }

    /** The caller's view: the one the last question read if it read one, else read now. */
    Optional<T> latest() {
        return seen.isPresent() ? seen : view.get();
    }
}
