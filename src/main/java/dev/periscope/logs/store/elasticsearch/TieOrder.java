package dev.periscope.logs.store.elasticsearch;

import dev.periscope.logs.store.LogCursor;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The order of events on a cluster that also holds documents other tools wrote.
 *
 * <p>Periscope's own documents carry a unique id, and (timestamp, id) orders them as in every store. Documents that
 * Filebeat, Vector or Logstash shipped carry no id, or an id of their own that need not be unique. Sorted by
 * (timestamp, id) they tie, and the cluster returns ties in no fixed order, so a plain {@code search_after} cursor
 * on one of them repeats or skips events, and on a large enough tie pages in a loop.
 *
 * <p>The order here is (timestamp, id field, derived id): a document without the id field sorts after those with
 * one at the same timestamp, and ties are broken by an id derived from the index and document id (the id such a
 * document is shown with). The cluster sorts by the first two keys; the third is applied by the store on whole
 * groups of one timestamp, read in full where a page starts or ends inside a tie.
 */
final class TieOrder {

    /**
     * One hit with the keys it is ordered by.
     *
     * @param key the id field's value; null when the document has none
     * @param derived the id derived from index and document id
     * @param id the id the event is shown and linked with: the key when it is a Periscope id, else the derived one
     * @param event the event, or null while its source has not been read (groups are read without sources)
     */
    record Ranked(long timestamp, String key, String derived, String id, String index, String documentId,
                  LogEvent event) {

        Ranked {
            Objects.requireNonNull(derived);
            Objects.requireNonNull(id);
        }

        /** Whether the document has a value in the id field; a document without one ties with every other such. */
        boolean keyed() {
            return key != null;
        }

        /** Whether the event is shown with an id derived from where it is, not one it carries. */
        boolean foreign() {
            return !id.equals(key);
        }

        LogCursor cursor() {
            return new LogCursor(timestamp, id);
        }
    }

    private static final Comparator<Ranked> WITHIN_GROUP = Comparator
            .comparing(Ranked::key, Comparator.nullsLast(TieOrder::compareCodePoints))
            .thenComparing(Ranked::derived);

    static final Comparator<Ranked> ASCENDING = Comparator.comparingLong(Ranked::timestamp).thenComparing(WITHIN_GROUP);

    private TieOrder() {
    }

    static Comparator<Ranked> of(SortOrder order) {
        return order == SortOrder.OLDEST_FIRST ? ASCENDING : ASCENDING.reversed();
    }

    /**
     * Keyword values compare as their UTF-8 bytes on the cluster; comparing code points gives the same order, where
     * {@link String#compareTo} (UTF-16 units) would not for characters beyond the basic plane.
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * The events of one timestamp's whole group that come after the cursor. The cursor names an event by the id it
     * was shown with; when that event is gone (aged out, deleted), its id is taken as its key, which places it right
     * for Periscope's own documents and near enough for others, and never before itself, so paging moves on.
     */
    static List<Ranked> after(List<Ranked> group, LogCursor cursor, SortOrder order) {
        List<Ranked> sorted = distinct(group, order);
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(cursor.id())) {
                return new ArrayList<>(sorted.subList(i + 1, sorted.size()));
            }
        }
        // Within one group only the key and the derived id differ.
        Comparator<Ranked> withinGroup = order == SortOrder.OLDEST_FIRST ? WITHIN_GROUP : WITHIN_GROUP.reversed();
        Ranked gone = new Ranked(cursor.timestamp(), cursor.id(), cursor.id(), cursor.id(), "", "", null);
        List<Ranked> rest = new ArrayList<>();
        for (Ranked ranked : sorted) {
            if (withinGroup.compare(ranked, gone) > 0) {
                rest.add(ranked);
            }
        }
        return rest;
    }

    /**
     * The group in order, each event once: an event written twice (replayed into a second index, say) is two
     * documents with one id, and a cursor on it must not find the second after the first.
     */
    static List<Ranked> distinct(List<Ranked> members, SortOrder order) {
        List<Ranked> sorted = new ArrayList<>(members);
        sorted.sort(of(order));
        java.util.Set<String> seen = new java.util.HashSet<>();
        sorted.removeIf(r -> !seen.add(r.id()));
        return sorted;
    }

    /**
     * Whether two neighbours in the cluster's order tie on the keys it sorts by, so that the cluster may have put
     * other members of their group between or before them.
     */
    static boolean tie(Ranked a, Ranked b) {
        return a.timestamp() == b.timestamp() && Objects.equals(a.key(), b.key());
    }
}
