package dev.periscope.logs.store.lucene;

import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.store.TermScreen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The numeric values of a structured field that the screen refuses (a card or account number, say), so that a
 * numeric range leaves the events holding them out. Without this, {@code card:[* TO 4111111111111111]} and its
 * halves would find one masked number by its count in about fifty queries.
 *
 * <p>Each segment's values are screened once per field and rule set, then kept: segments never change, and a range
 * over a field with many values costs a walk of its terms only the first time (queries arriving meanwhile wait for
 * that walk rather than repeat it). Bounded by entries; a merged-away segment's entry is evicted in time. The walk
 * is not cut short by a query's time limit: a range left half screened would count what it had not reached.
 */
final class ScreenedNumbers {

    /** Screened values found, by value text, with the number it parses to. */
    record Refused(BytesRef text, double value) {
    }

    private record Key(Object segment, String field, Object rules) {
    }

    private static final int MAX_ENTRIES = 4_096;

    /** Futures, so that queries arriving together for a segment not yet screened share one walk of its terms. */
    private final LinkedHashMap<Key, CompletableFuture<List<Refused>>> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<List<Refused>>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The refused values of {@code field} in the reader that lie within {@code [low, high]}. */
    List<BytesRef> within(IndexReader reader, String field, String keywordField, TermScreen screen, double low,
                          double high) {
        List<BytesRef> found = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            for (Refused refused : inSegment(leaf, field, keywordField, screen)) {
                if (refused.value() >= low && refused.value() <= high) {
                    found.add(refused.text());
                }
            }
        }
        return found;
    }

    private List<Refused> inSegment(LeafReaderContext leaf, String field, String keywordField, TermScreen screen) {
        var helper = leaf.reader().getCoreCacheHelper();
        Key key = new Key(helper == null ? leaf.reader() : helper.getKey(), field, screen.generation());
        CompletableFuture<List<Refused>> mine = new CompletableFuture<>();
        CompletableFuture<List<Refused>> known;
        synchronized (cache) {
            known = cache.putIfAbsent(key, mine);
        }
        if (known != null) {
            try {
                return known.join();
            } catch (java.util.concurrent.CompletionException e) {
                // The walk this query waited for failed: it fails the same way.
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        try {
            List<Refused> refused = screen(leaf, field, keywordField, screen);
            mine.complete(refused);
            return refused;
        } catch (Throwable t) {
            // Not kept: the next query screens the segment again rather than finding a failure (or waiting on it).
            synchronized (cache) {
                cache.remove(key, mine);
            }
            mine.completeExceptionally(t);
            throw t;
        }
    }

    private static List<Refused> screen(LeafReaderContext leaf, String field, String keywordField,
                                        TermScreen screen) {
        List<Refused> refused = new ArrayList<>();
        try {
            Terms terms = leaf.reader().terms(keywordField);
            if (terms == null) {
                return List.of();
            }
            TermsEnum values = terms.iterator();
            for (BytesRef term = values.next(); term != null; term = values.next()) {
                String text = term.utf8ToString();
                var number = LogFields.number(text);
                if (number.isPresent() && !screen.allows(field, text)) {
                    refused.add(new Refused(BytesRef.deepCopyOf(term), number.get()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(refused);
    }
}
