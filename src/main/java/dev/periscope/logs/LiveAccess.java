package dev.periscope.logs;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The access a read that goes on (a live tail, further pages of a result) started with, and the way to ask the access
 * guard again. Each step of such a read takes {@link #current()}, so a grant that expires or is revoked while the read
 * runs ends the read there, instead of living on in the snapshot the read began with.
 *
 * <p>The read stops on any change of what the access reaches or unmasks, wider as well as narrower: the rows already
 * shown, the tail's audit record and its scope-rewritten query all belong to the access the read started with, and
 * mixing two accesses in one result would make none of them true.
 */
public final class LiveAccess {

    private final LogAccess startedWith;
    private final Supplier<Optional<LogAccess>> resolve;

    /**
     * @param startedWith the access the read starts with, resolved just now
     * @param resolve asks the guard for the reader's access as it is now (empty when they see no logs any more); it
     *     may be called from a background thread, so it must not depend on the current request or UI
     */
    public LiveAccess(LogAccess startedWith, Supplier<Optional<LogAccess>> resolve) {
        this.startedWith = Objects.requireNonNull(startedWith);
        this.resolve = Objects.requireNonNull(resolve);
    }

    public LogAccess startedWith() {
        return startedWith;
    }

    /**
     * The access to read the next step with: the one the read started with, when the guard still gives the reader
     * exactly that.
     *
     * @throws LogAccessChangedException when the reader's scope, unmasking or grant has changed, or they see no logs
     */
    public LogAccess current() {
        Optional<LogAccess> now = resolve.get();
        if (now.isEmpty() || !sameReach(startedWith, now.get())) {
            throw new LogAccessChangedException();
        }
        return startedWith;
    }

    /**
     * Same services, same range limit, same categories unmasked, under the same grant. The grant counts on its own: the
     * audit record of the read names it, so a read must not outlive it even when a role happens to give the same scope.
     */
    private static boolean sameReach(LogAccess a, LogAccess b) {
        return a.scope().equals(b.scope()) && a.exemptCategories().equals(b.exemptCategories())
                && a.unmaskedByService().equals(b.unmaskedByService()) && a.grantId().equals(b.grantId());
    }
}
