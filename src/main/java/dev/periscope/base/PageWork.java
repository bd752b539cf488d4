package dev.periscope.base;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Applies a function to every item of a page on the caller's thread and on spare cores, keeping the page's order.
 *
 * <p>Loading and masking a page of events are the largest parts of a search's latency, and events are loaded and
 * masked independently, so a page cut in parts finishes sooner on an otherwise idle machine. It never waits for a
 * busy helper: each part is claimed by whoever gets to it first, so when every helper is busy (many readers at once)
 * the caller simply does the parts itself, as it would without helpers.
 */
public final class PageWork {

    /** Below this many items per part the hand-over costs more than it saves. */
    private static final int MIN_ITEMS_PER_PART = 8;
    private static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    private static final ExecutorService POOL = HELPERS == 0 ? null : Executors.newFixedThreadPool(HELPERS,
            Thread.ofPlatform().name("logs-page-", 0).daemon().factory());

    private PageWork() {
    }

    /** {@code function} applied to each item, in the items' order. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> function) {
        return mapParts(items, MIN_ITEMS_PER_PART, part -> sequential(part, function));
    }

    /**
     * {@code function} applied to consecutive parts of at least {@code minItemsPerPart} items, for work that is
     * cheaper done a run of items at a time; it must return one result per item of its part, in order.
     */
    public static <T, R> List<R> mapParts(List<T> items, int minItemsPerPart, Function<List<T>, List<R>> function) {
        int parts = Math.min(HELPERS + 1, items.size() / Math.max(1, minItemsPerPart));
        if (parts < 2) {
            return answered(items, function);
        }
        List<Part<T, R>> all = new ArrayList<>(parts);
        int size = (items.size() + parts - 1) / parts;
        for (int start = 0; start < items.size(); start += size) {
            all.add(new Part<>(items.subList(start, Math.min(items.size(), start + size)), function));
        }
        for (Part<T, R> part : all.subList(1, all.size())) {
            POOL.execute(part::runIfUnclaimed);
        }
        for (Part<T, R> part : all) {
            part.runIfUnclaimed();
        }
        List<R> results = new ArrayList<>(items.size());
        for (Part<T, R> part : all) {
            results.addAll(part.awaitResults());
        }
        return results;
    }

    /** The function's results for a part, refused unless there is one per item: never a page missing events. */
    private static <T, R> List<R> answered(List<T> items, Function<List<T>, List<R>> function) {
        List<R> results = function.apply(items);
        if (results.size() != items.size()) {
            throw new IllegalStateException("a part gave " + results.size() + " results for " + items.size()
                    + " items");
        }
        return results;
    }

    private static <T, R> List<R> sequential(List<T> items, Function<T, R> function) {
        List<R> results = new ArrayList<>(items.size());
        for (T item : items) {
            results.add(function.apply(item));
        }
        return results;
    }

    private static final class Part<T, R> {
        private final List<T> items;
        private final Function<List<T>, List<R>> function;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile List<R> results;
        private volatile Throwable failure;

        Part(List<T> items, Function<List<T>, List<R>> function) {
            this.items = items;
            this.function = function;
        }

        void runIfUnclaimed() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                results = answered(items, function);
            } catch (Throwable e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }

        /** Waits only for a part a helper has started: unclaimed parts were run by the caller already. */
        List<R> awaitResults() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for part of a page", e);
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null || results == null) {
                // Never a page with events silently missing.
                throw new IllegalStateException("part of a page could not be processed", failure);
            }
            return results;
        }
    }
}
