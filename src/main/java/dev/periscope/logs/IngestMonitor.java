package dev.periscope.logs;

import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Ingest and embedded-store health for administrators: files followed, offsets, lag, parse failures, store size and
 * retention. It shows no event content, so it is not audited; it is still for the ADMIN role only, checked here
 * rather than trusted to the view.
 */
@Component
public class IngestMonitor {

    private final ObjectProvider<IngestStatus.Provider> ingest;
    private final ObjectProvider<LuceneLogStore> store;
    private final ObjectProvider<LuceneLogStoreProperties> storeProperties;

    IngestMonitor(ObjectProvider<IngestStatus.Provider> ingest, ObjectProvider<LuceneLogStore> store,
                  ObjectProvider<LuceneLogStoreProperties> storeProperties) {
        this.ingest = ingest;
        this.store = store;
        this.storeProperties = storeProperties;
    }

    /** How file ingest is doing; empty when ingest is switched off. */
    public Optional<IngestStatus> ingest(CurrentUser user) {
        requireAdmin(user);
        return Optional.ofNullable(ingest.getIfAvailable()).map(IngestStatus.Provider::ingestStatus);
    }

    /** The embedded store's size and retention; empty when another store is configured. */
    public Optional<LogStoreStatus> store(CurrentUser user) {
        requireAdmin(user);
        LuceneLogStore lucene = store.getIfAvailable();
        LuceneLogStoreProperties properties = storeProperties.getIfAvailable(LuceneLogStoreProperties::defaults);
        if (lucene == null) {
            return Optional.empty();
        }
        long size;
        try {
            size = lucene.sizeOnDisk();
        } catch (IOException e) {
            size = -1;
        }
        return Optional.of(new LogStoreStatus(lucene.eventCount(), size, properties.retention().maxAge(),
                properties.retention().maxSize().toBytes(), lucene.retentionDeleted(), properties.maxFieldNames(),
                lucene.eventsWithFieldsUnindexed()));
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.hasRole(Roles.ADMIN)) {
            throw new LogAccessDeniedException("Ingest status is for administrators.");
        }
    }
}
