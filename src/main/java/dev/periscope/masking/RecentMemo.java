package dev.periscope.masking;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Masked output worked out recently, kept for a while under a stamp of what it was worked out with (the rules in
 * force, {@link Masker.Reuse#stamp()}): a different stamp answers nothing and starts over, so an answer never outlives
 * the rules that made it. Only masked output belongs here, never raw text, not even as a key.
 *
 * <p>Memory is bounded by a weight per entry: two generations of entries, the older dropped whole when the newer holds
 * half the bound or is older than the age limit. An entry still in use is carried over from the older generation, so
 * what is read often stays while the rest ages out without any per-entry bookkeeping. An entry is answered for at
 * most {@code maxAge} after it was put.
 *
 * @param <K> the key; equal keys must stand for inputs with equal answers under one stamp
 * @param <V> the answer
 */
public final class RecentMemo<K, V> {

    private final long maxWeight;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private volatile Generations<K, V> generations;

    /**
     * @param maxWeight the bound on the weights of all entries kept (see {@link #put})
     * @param maxAge how long an entry is answered after it was put
     * @param nanoTime the clock, in nanoseconds
     */
    public RecentMemo(long maxWeight, Duration maxAge, LongSupplier nanoTime) {
        this.maxWeight = maxWeight;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
        this.generations = new Generations<>(null, new Generation<>(nanoTime.getAsLong()), new Generation<>(0));
    }

    /** The answer kept for {@code key} under {@code stamp}, or null when there is none (or it is too old). */
    public @Nullable V get(Object stamp, K key) {
        Generations<K, V> g = generations;
        if (g.stamp != stamp) {
            return null;
        }
        long now = nanoTime.getAsLong();
        Entry<V> entry = g.current.entries.get(key);
        if (entry == null) {
            entry = g.previous.entries.get(key);
            if (entry != null && fresh(entry, now)) {
                g.current.put(key, entry); // still in use: carried over before the older generation goes
            }
        }
        return entry != null && fresh(entry, now) ? entry.value : null;
    }

    /**
     * Keeps {@code value} as the answer for {@code key} under {@code stamp}, dropping all kept under another.
     * {@code weight} is what the entry costs in memory, in the unit of the bound (characters, say).
     */
    public void put(Object stamp, K key, V value, long weight) {
        long now = nanoTime.getAsLong();
        Generations<K, V> g = generations;
        if (g.stamp != stamp) {
            g = replace(g, new Generations<>(stamp, new Generation<>(now), new Generation<>(0)));
        } else if (g.current.weight.get() > maxWeight / 2 || now - g.current.started > maxAgeNanos) {
            g = replace(g, new Generations<>(stamp, new Generation<>(now), g.current));
        }
        g.current.put(key, new Entry<>(value, now, weight));
    }

    /** How many entries the newer generation holds. */
    public int size() {
        return generations.current.entries.size();
    }

    private synchronized Generations<K, V> replace(Generations<K, V> seen, Generations<K, V> next) {
        // Another thread may have replaced them already: its generations are as good, and kept.
        if (generations == seen) {
            generations = next;
        }
        return generations;
    }

    private boolean fresh(Entry<V> entry, long now) {
        return now - entry.created <= maxAgeNanos;
    }

    private record Entry<V>(V value, long created, long weight) {
    }

    private record Generations<K, V>(@Nullable Object stamp, Generation<K, V> current, Generation<K, V> previous) {
    }

    private static final class Generation<K, V> {
        final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
        final AtomicLong weight = new AtomicLong();
        final long started;

        Generation(long started) {
            this.started = started;
        }

        void put(K key, Entry<V> entry) {
            if (entries.put(key, entry) == null) {
                weight.addAndGet(entry.weight);
            }
        }
    }
}
