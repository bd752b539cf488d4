package dev.periscope.logs;

import dev.periscope.masking.Masker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Each user's recent log queries, newest first, for the query bar. Queries are kept only after masking, as the audit
 * trail keeps them: people paste secrets into search boxes, and a remembered query must not be a second copy of one.
 * A masked query still runs, because tokens are searchable. Held in memory: a restart forgets it.
 */
@Component
public class QueryHistory {

    static final int PER_USER = 20;
    private static final int USERS = 1_000;

    private final Masker masker;
    private final Map<String, Deque<String>> byUser = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<String>> eldest) {
            return size() > USERS;
        }
    };

    public QueryHistory(Masker masker) {
        this.masker = masker;
    }

    /** Remembers a query the user ran; blank queries and queries that cannot be masked are not kept. */
    public void remember(String userId, String query) {
        String text = query.strip();
        if (text.isEmpty()) {
            return;
        }
        String masked;
        try {
            masked = QueryTextMasking.mask(masker, text);
        } catch (RuntimeException e) {
            return;
        }
        synchronized (byUser) {
            Deque<String> recent = byUser.computeIfAbsent(userId, k -> new ArrayDeque<>());
            recent.remove(masked);
            recent.addFirst(masked);
            while (recent.size() > PER_USER) {
                recent.removeLast();
            }
        }
    }

    /** The user's recent queries, newest first, masked. */
    public List<String> recent(String userId) {
        synchronized (byUser) {
            Deque<String> recent = byUser.get(userId);
            return recent == null ? List.of() : List.copyOf(recent);
        }
    }
}
