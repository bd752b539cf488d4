package dev.periscope.logs.store.lucene;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;

/**
 * Histograms and top values already computed on the current index reader, as Elasticsearch's shard request cache
 * keeps the answers of searches that return no hits.
 *
 * <p>An answer depends only on the reader and on the request (the scoped, token-resolved query tree, the absolute
 * time range and the aggregation's parameters), so it stays right for as long as the reader does. A refresh that
 * sees new events or deletions opens a new reader, and the first request on it empties the cache; while nothing
 * changes (a quiet service, several people on the same dashboard, the histogram asked for again as a result list
 * is scrolled) the answer is served from memory. Answers are the store's own, before masking: the cache sits below
 * the service, which masks every answer, cached or not.
 *
 * <p>Bounded by entry count, least recently used first out. A histogram holds at most {@code max-buckets} counts and
 * a top-values answer at most 1,000 values, so a few dozen entries stay within a few megabytes.
 */
final class AggregationCache {

    /** What was asked for: one of the store's aggregation requests, as a record with value equality. */
    interface Key {
    }

    /** Computes an answer on the reader. */
    interface Computation<T> {
        T compute() throws IOException;
    }

    private final int capacity;
    private final Map<Key, Object> answers;
    /** The reader the answers belong to, by its cache key: no reference that would keep a closed reader alive. */
    private IndexReader.CacheKey reader;

    AggregationCache(int capacity) {
        this.capacity = capacity;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
                return size() > AggregationCache.this.capacity;
            }
        };
    }

    /**
     * The answer to {@code key} on {@code current}: from the cache, else computed (outside the lock, so a slow
     * aggregation does not hold up others) and kept. An aggregation that fails or times out throws and keeps nothing.
     */
    <T> T get(IndexReader current, Key key, Class<T> type, Computation<T> computation) throws IOException {
        IndexReader.CacheHelper helper = current.getReaderCacheHelper();
        if (capacity <= 0 || helper == null) {
            return computation.compute();
        }
        Optional<T> cached = cached(helper.getKey(), key, type);
        if (cached.isPresent()) {
            return cached.get();
        }
        T answer = computation.compute();
        keep(helper.getKey(), key, answer);
        return answer;
    }

    private synchronized <T> Optional<T> cached(IndexReader.CacheKey current, Key key, Class<T> type) {
        if (reader != current) {
            return Optional.empty();
        }
        return Optional.ofNullable(answers.get(key)).map(type::cast);
    }

    private synchronized void keep(IndexReader.CacheKey current, Key key, Object answer) {
        if (reader != current) {
            // Answers of another reader, older or (after a race with a refresh) newer, are dropped as a whole.
            answers.clear();
            reader = current;
        }
        answers.put(key, answer);
    }
}
