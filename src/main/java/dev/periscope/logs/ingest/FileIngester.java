package dev.periscope.logs.ingest;

import dev.periscope.logs.IngestStatus;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogWriter;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the log files under the ingest directory and feeds their events to the store.
 *
 * <p>Files are found by polling the directory tree rather than by file-system events: polling sees renames, files
 * that grow while nobody watches and network file systems alike, at the cost of up to one poll interval of delay.
 * Each file is known by its file key (device and inode), so a renamed file (rotation) is read to its end under its
 * new name while the new file starts from zero; a file that shrank (copy-truncate) or whose first bytes changed is
 * read again from the start. Only names that look like logs are taken up, but a followed file is followed under any
 * new name ({@code app.log-20261122}, say) until it has been read to its end and stayed quiet for a while. Bytes that
 * could not be read before their file went away (removed, or compressed into a new file) or was truncated (with no copy
 * of them found) are counted as lost. A last line without its newline waits for it while its file is written under
 * its first name; in a rotated file that stayed quiet for the grace period it is complete, and becomes an event.
 *
 * <p>Checkpoints (per file: offset, line, fingerprint) are committed in the same commit as the events read up to
 * them. An event still waiting for continuation lines is not yet in the store, so the checkpoint points before it and
 * a restart reads it again: nothing is lost and nothing is indexed twice.
 *
 * <p>When the store refuses a batch (a cluster that is down, full or blocked), a store that replaces events by id
 * ({@link LogWriter#replacesById()}) lets ingest go back to its last commit and try again after a growing pause; the
 * status shows the error and the lag meanwhile. Other stores may hold part of the batch, which reading it again would
 * duplicate: there ingest stops, and a restart resumes from the last commit.
 *
 * <p>A line that breaks the parser is stored whole as an unparsed event and counted; if anything else ends the
 * ingest loop, the status says it stopped.
 */
public final class FileIngester implements IngestStatus.Provider, Closeable {

    private static final Pattern INGESTED = Pattern.compile(
            ".*\\.(log|ndjson|jsonl|txt|out)(\\.\\d+|\\.\\d{4}-\\d{2}-\\d{2}(\\.\\d+)?)?");
    private static final int READ_CHUNK = 4 << 20;
    private static final int FINGERPRINT_BYTES = 256;
    private static final String CHECKPOINT_VERSION = "periscope-ingest-1";
    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long LAST_RETRY_MILLIS = 60_000;
    /**
     * How long a file renamed to a name ingest does not take up is still followed after its last new bytes: a writer
     * that has not yet reopened its log after a rotation may still append to it.
     */
    static final long RENAMED_GRACE_MILLIS = 60_000;
    private static final Logger log = LoggerFactory.getLogger(FileIngester.class);

    private final IngestProperties properties;
    private final LogWriter writer;
    private final dev.periscope.logs.LogEventEnricher enricher;
    private final Clock clock;
    private final Path root;
    private final int maxLine;
    private final Map<String, TrackedFile> files = new LinkedHashMap<>();
    private final List<LogEvent> batch = new ArrayList<>();
    private final java.util.concurrent.ExecutorService feeder = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("logs-ingest-feeder").daemon().factory());
    private java.util.concurrent.Future<?> inFlight = java.util.concurrent.CompletableFuture.completedFuture(null);

    private final AtomicLong eventsIngested = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong unparsed = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private final AtomicLong truncations = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong unreadBytesLost = new AtomicLong();
    private volatile Optional<String> lastError = Optional.empty();
    private volatile Optional<Instant> lastCommit = Optional.empty();
    private volatile List<IngestStatus.FileStatus> fileStatus = List.of();
    private volatile boolean running;
    private volatile boolean failed;
    private long lastCommitMillis;
    /** The checkpoint of the last commit (or the one ingest started from); null: from the start of every file. */
    private String committed;
    /** Events handed to the store since the last commit: read again, and counted again, after a rewind. */
    private final AtomicLong addedSinceCommit = new AtomicLong();
    /** After a refused batch: when to read again from {@link #committed}; 0 when nothing was refused. */
    private long retryAtMillis;
    private long retryDelayMillis = FIRST_RETRY_MILLIS;
    private boolean rewindPending;
    private Thread thread;

    public FileIngester(IngestProperties properties, LogWriter writer, Clock clock) {
        this(properties, writer, clock, dev.periscope.logs.LogEventEnricher.NONE);
    }

    /** @param enricher adds derived fields to every event before it is written */
    public FileIngester(IngestProperties properties, LogWriter writer, Clock clock,
                        dev.periscope.logs.LogEventEnricher enricher) {
        this.enricher = enricher;
        this.properties = properties;
        this.writer = writer;
        this.clock = clock;
        this.root = properties.directory().toAbsolutePath().normalize();
        this.maxLine = (int) Math.min(Integer.MAX_VALUE - 1024, properties.maxLine().toBytes());
        this.lastCommitMillis = clock.millis();
        this.committed = writer.committedCheckpoint().orElse(null);
        if (committed != null) {
            restore(committed);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts following files on a background thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("logs-ingest").daemon().start(this::loop);
    }

    private void loop() {
        try {
            while (running && !failed) {
                boolean busy;
                try {
                    busy = pollOnce();
                } catch (RuntimeException e) {
                    error("ingest cycle failed: " + e.getClass().getSimpleName());
                    busy = false;
                }
                if (!busy) {
                    try {
                        Thread.sleep(properties.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        } catch (Throwable t) {
            // Nothing follows the files any more: the status must say so rather than look healthy. Nothing is
            // committed after this, so a restart resumes from the last commit. Only the kind of failure is named: its
            // message may quote log content.
            failed = true;
            error("ingest stopped: " + t.getClass().getSimpleName());
            log.error("Log ingest stopped: {}", t.getClass().getName());
        }
    }

    /** Waits until the ingest thread has ended on its own (for tests of a loop that dies); false on timeout. */
    boolean awaitLoopEnd(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        t.join(timeout);
        return !t.isAlive();
    }

    /** Stops the loop and makes everything read so far durable. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (!failed) {
                commit();
            }
            feeder.shutdown();
        }
    }

    // ------------------------------------------------------------------ one cycle

    /**
     * Scans the directory, reads what was appended, hands the events to the store, and commits when the commit
     * interval has passed.
     *
     * @return true when a file had more data than one read takes, so the caller should poll again at once
     */
    public synchronized boolean pollOnce() {
        if (failed) {
            return false;
        }
        rewindIfRefused();
        if (retryAtMillis != 0) {
            if (clock.millis() < retryAtMillis) {
                scan();
                files.values().forEach(TrackedFile::measure); // the lag keeps growing while the store is away
                updateFileStatus();
                return false;
            }
            retryAtMillis = 0;
        }
        scan();
        boolean more = false;
        for (TrackedFile file : files.values()) {
            try {
                more |= file.read();
            } catch (IOException e) {
                error("cannot read " + file.source + ": " + e.getClass().getSimpleName());
            }
            file.flushIfIdle();
            try {
                file.endLastLineIfLeft();
            } catch (IOException e) {
                error("cannot read " + file.source + ": " + e.getClass().getSimpleName());
            }
            file.countUnreadAtTruncationIfNoCopy();
            if (batch.size() >= properties.batchSize()) {
                flushBatch();
            }
            if (rewindPending) {
                break;
            }
        }
        flushBatch();
        if (clock.millis() - lastCommitMillis >= properties.commitInterval().toMillis()) {
            commit();
        }
        rewindIfRefused();
        updateFileStatus();
        return more && retryAtMillis == 0;
    }

    /** Hands buffered events to the store and commits them with the current checkpoints. */
    /**
     * Times taken from the clock since the last commit, by file and offset: a file whose first lines carry no time
     * gets the clock's, and the event id hashes it. A store that refuses a batch rewinds ingest to the last commit,
     * and the same bytes must then make the same events (ids, times), not new ones beside them. Bounded: one entry per
     * file read from a line without a time, since the last commit.
     */
    private final Map<String, Long> clockTimesSinceCommit = new HashMap<>();
    private static final int MAX_CLOCK_TIMES = 100_000;

    private long clockTime(String fileKey, long offset) {
        String at = fileKey + "@" + offset;
        Long known = clockTimesSinceCommit.get(at);
        if (known != null) {
            return known;
        }
        long now = clock.millis();
        if (clockTimesSinceCommit.size() < MAX_CLOCK_TIMES) {
            clockTimesSinceCommit.put(at, now);
        }
        return now;
    }

    public synchronized void commit() {
        flushBatch();
        awaitInFlight();
        if (failed || rewindPending) {
            return;
        }
        try {
            String checkpoint = checkpoint();
            writer.commit(checkpoint);
            committed = checkpoint;
            clockTimesSinceCommit.clear();
            addedSinceCommit.set(0);
            retryDelayMillis = FIRST_RETRY_MILLIS;
            lastCommitMillis = clock.millis();
            lastCommit = Optional.of(clock.instant());
        } catch (RuntimeException e) {
            // The events stay handed over; the next commit records them, or a refused batch rewinds before them.
            error("cannot commit: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Hands the batch to the store on the feeder thread and returns: the next files are read and parsed while the
     * store indexes. At most one batch is in flight, which bounds memory.
     */
    private void flushBatch() {
        if (batch.isEmpty() || failed || rewindPending) {
            batch.clear();
            return;
        }
        List<LogEvent> events = new ArrayList<>(batch);
        batch.clear();
        awaitInFlight();
        if (failed || rewindPending) {
            return;
        }
        inFlight = feeder.submit(() -> {
            writer.add(events);
            eventsIngested.addAndGet(events.size());
            addedSinceCommit.addAndGet(events.size());
        });
    }

    private void awaitInFlight() {
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            error("interrupted while handing events to the store");
        } catch (java.util.concurrent.ExecutionException e) {
            inFlight = java.util.concurrent.CompletableFuture.completedFuture(null);
            String cause = e.getCause().getClass().getSimpleName();
            if (writer.replacesById()) {
                // The events may be half in the store; written again, they replace themselves.
                rewindPending = true;
                retryAtMillis = clock.millis() + retryDelayMillis;
                error("the store refused events (" + cause + "); reading again from the last commit at "
                        + Instant.ofEpochMilli(retryAtMillis));
                retryDelayMillis = Math.min(LAST_RETRY_MILLIS, retryDelayMillis * 2);
                return;
            }
            // The events may be half in the store: committing now could skip or repeat some. Stop, and let a
            // restart resume from the last commit.
            failed = true;
            error("the store refused events, ingest stopped: " + cause);
        }
    }

    /** After a refused batch: forgets what was read since the last commit, so it is read (and written) again. */
    private void rewindIfRefused() {
        if (!rewindPending) {
            return;
        }
        rewindPending = false;
        batch.clear();
        files.clear();
        if (committed != null) {
            restore(committed);
        }
        eventsIngested.addAndGet(-addedSinceCommit.getAndSet(0));
        scan();
        files.values().forEach(TrackedFile::measure);
        updateFileStatus();
    }

    private void scan() {
        if (!Files.isDirectory(root)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        boolean[] incomplete = {false};
        waitedThisScan.clear();
        untrackedThisScan.clear();
        try {
            // Links are followed (Kubernetes names container logs by symbolic links; the ingest directory may be
            // one), with the walk's own cycle check; a file is known by its target, so two links to one file are
            // one file.
            Files.walkFileTree(root, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS),
                    Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    boolean ingested = INGESTED.matcher(path.getFileName().toString()).matches();
                    String key = attrs.fileKey() != null ? attrs.fileKey().toString()
                            : "path:" + root.relativize(path);
                    TrackedFile known = files.get(key);
                    if (known == null) {
                        known = remounted(key, path, attrs.size());
                    }
                    if (known == null) {
                        Copy copy = copyOfTracked(key, path, attrs.size());
                        if (copy == Copy.WAIT) {
                            return FileVisitResult.CONTINUE; // taken up once its original is truncated, or not
                        }
                        if (copy instanceof Copy.Of of) {
                            seen.add(key);
                            files.put(key, of.continuing(key, path, attrs.size()));
                            return FileVisitResult.CONTINUE;
                        }
                        // Only a name that looks like a log takes a file up; an archive or anything else is left alone.
                        if (ingested) {
                            seen.add(key);
                            files.put(key, new TrackedFile(key, path, relative(path)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    seen.add(key);
                    if (!known.path.equals(path)) {
                        if (stillAt(known)) {
                            return FileVisitResult.CONTINUE; // a second link to a file followed under its first name
                        }
                        known.path = path;
                        rotations.incrementAndGet();
                    }
                    // Rotation may give a file a name that would not be taken up (logrotate's dateext: app.log-20261122);
                    // it is followed anyway until read to its end.
                    known.scanned(!ingested, attrs.size());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A directory that could not be listed this time (a network file system, a permission change
                    // during a deploy) hides its files from this scan only: they must not be taken for gone.
                    if (!(e instanceof java.nio.file.FileSystemLoopException)) {
                        incomplete[0] = true;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            error("cannot list the ingest directory: " + e.getClass().getSimpleName());
            return;
        }
        copiesWaiting.keySet().retainAll(waitedThisScan); // a copy gone or taken up waits no more
        notCopies.keySet().retainAll(untrackedThisScan);
        // A file that is gone cannot be read further; what it held up to its last read is in the store, and what it
        // held beyond is lost and counted. A file under a name that would not be taken up is let go once read to its
        // end and quiet: the next checkpoint no longer names it, and nothing takes it up again.
        files.values().removeIf(f -> {
            if (!seen.contains(f.key)) {
                if (incomplete[0] && Files.exists(f.path)) {
                    return false; // not seen because part of the tree could not be read, not because it is gone
                }
                f.flush();
                f.countUnreadAtTruncationAsLost(); // no copy can be recognised by a file no longer followed
                f.countUnreadAsLost();
                return true;
            }
            return f.renamedAway && f.finished();
        });
    }

    /** The file keys of this platform's file systems: device (hexadecimal) and inode. */
    private static final Pattern FILE_KEY = Pattern.compile("\\(dev=([0-9a-fA-F]+),ino=([0-9]+)\\)");

    /**
     * A followed file found again under a new key: its device number changed (the file system was mounted again, a
     * volume attached anew, the host restarted) while its inode, path and head did not. It is followed on under the
     * new key; taken for a new file, it would be read again from its start and its old self counted as lost.
     */
    private TrackedFile remounted(String key, Path path, long size) {
        Matcher now = FILE_KEY.matcher(key);
        if (!now.matches()) {
            return null;
        }
        for (TrackedFile f : files.values()) {
            Matcher before = FILE_KEY.matcher(f.key);
            if (f.path.equals(path) && before.matches() && before.group(2).equals(now.group(2))
                    && !before.group(1).equalsIgnoreCase(now.group(1)) && size >= f.offset
                    && sameBytes(path, size, 0, f.fingerprintLength, f.fingerprint)) {
                files.remove(f.key);
                f.key = key;
                files.put(key, f);
                return f;
            }
        }
        return null;
    }

    /** What a new file is to the files already followed. */
    private sealed interface Copy {
        /** Not a copy of a followed file: taken up, or not, by its name. */
        Copy NONE = new Verdict();
        /** A copy of a followed file that has not been truncated yet: looked at again by the next scan. */
        Copy WAIT = new Verdict();

        final class Verdict implements Copy {
        }

        /**
         * A copy of {@code original} (copytruncate rotation): read on from where the original was read to. It keeps
         * the head it was recognised by: the original's may already be that of the content written after the
         * truncation.
         */
        record Of(TrackedFile original, long offset, long line, int headLength, long headHash) implements Copy {
            TrackedFile continuing(String key, Path path, long size) {
                return original.copiedTo(key, path, Math.min(offset, size), line, size, headLength, headHash);
            }
        }
    }

    /**
     * What logrotate adds to a copy's name: a number ({@code .1}), a date in any {@code dateformat} made of digits and
     * separators ({@code -20261122}, {@code .2026-11-22}, {@code -20261122-1795341600}), or a date and a number.
     */
    private static final Pattern ROTATED_SUFFIX = Pattern.compile("(?:[._-][0-9]{1,14}){1,6}");

    /**
     * How long a copy waits for its original to be truncated. A time, not a number of scans: while ingest catches up
     * it scans back to back, and many scans may pass in less than a second.
     */
    static final long COPY_WAIT_MILLIS = 10_000;
    /** How long a waiting copy's size must have stayed the same before the wait may end: cp may still be writing it. */
    static final long COPY_SETTLE_MILLIS = 2_000;
    /** How many bytes at the end of a possible copy are compared with the original at the same offsets. */
    static final int PREFIX_CHECK = 4096;
    /** Bounded: a copy left waiting is dropped from here once it is taken up or gone. */
    private final Map<String, Waiting> copiesWaiting = new HashMap<>();
    private final Set<String> waitedThisScan = new HashSet<>();
    /** Untracked files found to be no copy, with their size then; bounded by the files in the directory. */
    private final Map<String, Long> notCopies = new HashMap<>();
    private final Set<String> untrackedThisScan = new HashSet<>();

    /** Since when a possible copy waits, and since when it has had its current size. */
    private record Waiting(long sinceMillis, long size, long sizeSinceMillis) {
    }

    /**
     * logrotate's {@code copytruncate} copies the file ({@code app.log.1}, {@code app.log-20261122}) and truncates
     * it. The copy is a new file holding what was read already, and perhaps a tail that was not: read from the start,
     * it would duplicate the one; left alone, it would lose the other. A new file named after a followed one, with the
     * same head, is that copy: it is read on from the original's offset, under the original's source (so the events
     * are the ones that would have been), and let go once read. While the original is not yet truncated the copy
     * waits, at least {@link #COPY_WAIT_MILLIS} and until its size stops changing; a copy whose original stays
     * untruncated (made by hand) holds nothing that the original does not still hold, so it is taken up at its end.
     */
    private Copy copyOfTracked(String key, Path path, long size) {
        untrackedThisScan.add(key);
        Long judged = notCopies.get(key);
        if (judged != null && judged == size) {
            return Copy.NONE; // an archive beside the logs is looked at once, not at every scan
        }
        String name = path.getFileName().toString();
        boolean shorterThanAHead = false;
        for (TrackedFile original : files.values()) {
            // Only the names logrotate gives a copy: a file that merely starts like a followed one, under another
            // name, is a file of its own.
            if (!rotatedName(name, original.path.getFileName().toString())
                    || original.fingerprintLength == 0 && original.truncatedFrom == null) {
                continue;
            }
            TrackedFile.Before before = original.truncatedFrom;
            if (before != null && clock.millis() - before.atMillis() <= RENAMED_GRACE_MILLIS
                    && sameBytes(path, size, 0, before.fingerprintLength(), before.fingerprint())) {
                copiesWaiting.remove(key);
                original.unreadAtTruncation = 0; // read from the copy
                return new Copy.Of(original, before.offset(), before.line(), before.fingerprintLength(),
                        before.fingerprint());
            }
            if (original.fingerprintLength > 0
                    && sameBytes(path, size, 0, original.fingerprintLength, original.fingerprint)) {
                long originalSize;
                try {
                    originalSize = Files.size(original.path);
                } catch (IOException e) {
                    originalSize = 0; // gone: as truncated
                }
                if (originalSize < original.offset) {
                    copiesWaiting.remove(key);
                    original.copyTakenAt = original.offset; // what it held past there is read from the copy
                    return new Copy.Of(original, original.offset, original.line, original.fingerprintLength,
                            original.fingerprint);
                }
                if (!samePrefix(path, original.path, size, originalSize)) {
                    // It starts like the original (a banner) but is not what the original held: another instance's
                    // log under a name like a copy's (app-2.log beside app.log), read as a file of its own.
                    continue;
                }
                // Everything in it was read from the original, or will be: the original is still there, whole, and
                // read on. Starting before its end would index the bytes past the original's offset twice.
                return waited(key, size, new Copy.Of(original, size, original.line, original.fingerprintLength,
                        original.fingerprint));
            }
            shorterThanAHead |= size < original.fingerprintLength
                    || before != null && size < before.fingerprintLength();
        }
        if (shorterThanAHead) {
            // Too short to hold the head it is compared with: a copy still being written (cp creates the file, then
            // fills it) looks like this. Taken up now, it would be read from its start, and all of it again.
            Copy verdict = waited(key, size, Copy.NONE);
            if (verdict == Copy.WAIT) {
                return verdict;
            }
        }
        notCopies.put(key, size);
        return Copy.NONE;
    }

    /**
     * {@link Copy#WAIT} while a possible copy waits; {@code done} once it has waited {@link #COPY_WAIT_MILLIS} and
     * kept its size for {@link #COPY_SETTLE_MILLIS}.
     */
    private Copy waited(String key, long size, Copy done) {
        waitedThisScan.add(key);
        long now = clock.millis();
        Waiting waiting = copiesWaiting.get(key);
        if (waiting == null) {
            waiting = new Waiting(now, size, now);
        } else if (waiting.size() != size) {
            waiting = new Waiting(waiting.sinceMillis(), size, now);
        }
        copiesWaiting.put(key, waiting);
        if (now - waiting.sinceMillis() < COPY_WAIT_MILLIS || now - waiting.sizeSinceMillis() < COPY_SETTLE_MILLIS) {
            return Copy.WAIT;
        }
        copiesWaiting.remove(key);
        return done;
    }

    /**
     * Whether {@code name} is a name logrotate gives a copy of {@code original}: the suffix after the whole name
     * ({@code app.log.1}, {@code app.log-20261122}, {@code app.log.2026-11-22}), or, with its {@code extension}
     * setting, before the extension ({@code app.1.log}, {@code app-20261122.log}).
     */
    static boolean rotatedName(String name, String original) {
        if (name.length() <= original.length()) {
            return false;
        }
        if (name.startsWith(original) && ROTATED_SUFFIX.matcher(name.substring(original.length())).matches()) {
            return true;
        }
        int dot = original.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String stem = original.substring(0, dot);
        String extension = original.substring(dot);
        return name.startsWith(stem) && name.endsWith(extension)
                && ROTATED_SUFFIX.matcher(name.substring(stem.length(), name.length() - extension.length())).matches();
    }

    /** Whether the file holds bytes of this hash at {@code position}; true for no bytes (nothing to compare). */
    private static boolean sameBytes(Path path, long size, long position, int length, long hash) {
        if (length == 0) {
            return true;
        }
        if (position < 0 || size < position + length) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
                // read until full or end of file
            }
            return Text.hash(bytes.array()) == hash;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a file of {@code size} bytes holds what {@code original} holds at the same offsets near its end, as a
     * copy of a file that was not truncated since does: the original is at least as long, and the last bytes
     * (up to {@link #PREFIX_CHECK} of them) are the same.
     */
    private static boolean samePrefix(Path copy, Path original, long size, long originalSize) {
        if (originalSize < size) {
            return false;
        }
        int length = (int) Math.min(PREFIX_CHECK, size);
        try (FileChannel a = FileChannel.open(copy, StandardOpenOption.READ);
             FileChannel b = FileChannel.open(original, StandardOpenOption.READ)) {
            ByteBuffer x = ByteBuffer.allocate(length);
            ByteBuffer y = ByteBuffer.allocate(length);
            while (x.hasRemaining() && a.read(x, size - length + x.position()) >= 0) {
                // read until full or end of file
            }
            while (y.hasRemaining() && b.read(y, size - length + y.position()) >= 0) {
                // read until full or end of file
            }
            return java.util.Arrays.equals(x.array(), y.array());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a followed file is still there under the path it is followed by. */
    private static boolean stillAt(TrackedFile file) {
        try {
            Object key = Files.readAttributes(file.path, BasicFileAttributes.class).fileKey();
            return key != null && key.toString().equals(file.key);
        } catch (IOException e) {
            return false;
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private void error(String message) {
        errors.incrementAndGet();
        lastError = Optional.of(message);
    }

    /**
     * Whether a failure while handling one line may be kept to that line. A stack overflow is the line's own doing (too
     * deep to parse); other virtual machine errors, such as running out of memory, are not, and end the loop.
     */
    private static boolean containable(Throwable t) {
        return t instanceof StackOverflowError || !(t instanceof VirtualMachineError);
    }

    // ------------------------------------------------------------------ checkpoints

    private String checkpoint() {
        StringBuilder sb = new StringBuilder(CHECKPOINT_VERSION).append('\n');
        for (TrackedFile f : files.values()) {
            long offset = f.pending != null ? f.pending.offset : f.offset;
            long line = f.pending != null ? f.pending.line - 1 : f.line;
            sb.append(encode(f.key)).append('\t').append(encode(f.source)).append('\t')
                    .append(encode(relative(f.path))).append('\t').append(offset).append('\t').append(line)
                    .append('\t').append(f.fingerprintLength).append('\t').append(f.fingerprint).append('\t')
                    .append(f.lastTimestamp).append('\t')
                    // Mid-way through a line cut at max-line: the rest of it up to its newline is to be dropped
                    // after a restart too, or it would come back as an event of its own.
                    .append(f.pending == null && f.skippingLongLine ? "skip" : "-").append('\t')
                    // The tail hash belongs to the read offset; with an event pending the checkpoint is before it,
                    // so the bytes before that are hashed instead.
                    .append(f.pending == null ? f.tailLength + "\t" + f.tailHash : f.tailBefore(offset)).append('\t')
                    // Its size when last looked at: a file that goes away while ingest is stopped is counted as
                    // losing at least what it held beyond the read offset then.
                    .append(f.lastSize)
                    .append('\n');
        }
        return sb.toString();
    }

    private void restore(String checkpoint) {
        String[] lines = checkpoint.split("\n");
        if (lines.length == 0 || !lines[0].equals(CHECKPOINT_VERSION)) {
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            String[] p = lines[i].split("\t");
            if (p.length < 8) {
                continue;
            }
            TrackedFile f = new TrackedFile(decode(p[0]), root.resolve(decode(p[2])), decode(p[1]));
            f.offset = Long.parseLong(p[3]);
            f.line = Long.parseLong(p[4]);
            f.fingerprintLength = Integer.parseInt(p[5]);
            f.fingerprint = Long.parseLong(p[6]);
            f.lastTimestamp = Long.parseLong(p[7]);
            f.skippingLongLine = p.length > 8 && p[8].equals("skip");
            if (p.length > 10) {
                f.tailLength = Integer.parseInt(p[9]);
                f.tailHash = Long.parseLong(p[10]);
            }
            if (p.length > 11) {
                f.lastSize = Long.parseLong(p[11]);
                f.sizeFromCheckpoint = true;
            }
            files.put(f.key, f);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ status

    private void updateFileStatus() {
        List<IngestStatus.FileStatus> status = new ArrayList<>(files.size());
        for (TrackedFile f : files.values()) {
            status.add(new IngestStatus.FileStatus(f.source, f.offset, f.lastSize));
        }
        fileStatus = status;
    }

    @Override
    public IngestStatus ingestStatus() {
        List<IngestStatus.FileStatus> status = fileStatus;
        long lag = status.stream().mapToLong(IngestStatus.FileStatus::lagBytes).sum();
        return new IngestStatus(running && !failed, root.toString(), status, eventsIngested.get(), bytesRead.get(),
                unparsed.get(), cut.get(), truncations.get(), rotations.get(), errors.get(), lastError, lastCommit,
                lag, unreadBytesLost.get());
    }

    // ------------------------------------------------------------------ one file

    /** An event whose continuation lines may still come. */
    private static final class Pending {
        final long offset;
        final long line;
        final ParsedLine parsed;
        StringBuilder continuation;
        /** Whether continuation lines were dropped for making the event longer than the limit. */
        boolean continuationCut;
        /** Where the event is in a Python traceback, whose last line is not indented. */
        LineParser.Traceback traceback = LineParser.Traceback.NONE;
        /** Whether a PEM block opened in the event and has not closed: its body lines belong to it. */
        boolean inPemBlock;
        long lastAppendMillis;

        Pending(long offset, long line, ParsedLine parsed, long now) {
            this.offset = offset;
            this.line = line;
            this.parsed = parsed;
            this.lastAppendMillis = now;
        }
    }

    private final class TrackedFile {
        /** Device and inode; changes only when the same file is found under a new device number (a remount). */
        String key;
        final String source;
        final String defaultService;
        final boolean json;
        Path path;
        long offset;
        long line;
        long lastSize;
        /** Whether {@link #lastSize} is still the one the checkpoint recorded (the file not looked at since). */
        boolean sizeFromCheckpoint;
        int fingerprintLength;
        long fingerprint;
        /**
         * A hash of the bytes just before {@link #offset}: a file truncated and written again from the same start
         * (an application restarted with {@code >}, printing the same banner) keeps its head, but not what stood
         * before the offset. Zero length: not known (after a restart with an event pending).
         */
        int tailLength;
        long tailHash;
        long lastTimestamp = ParsedLine.NO_TIME;
        /**
         * How often the file was found truncated and read anew in this process; counted again the same way when a
         * rewind reads the same bytes again, so it tells the clock times of one content from another's.
         */
        int generation;
        boolean skippingLongLine;
        Pending pending;
        /** Whether the file now has a name ingest would not take up. */
        boolean renamedAway;
        /** When the file last gave new bytes, or was renamed away. */
        long lastActiveMillis;
        /** Where the file stood when it was last found truncated, so that a copy made just before is recognised. */
        Before truncatedFrom;
        /** The file's size at the last read: the bytes known to be in it. */
        long readSize;
        /**
         * Bytes the file held beyond the offset when it was found truncated: lost, unless a copy taken up within the
         * grace period holds them (copytruncate).
         */
        long unreadAtTruncation;
        /** Where a copy found before the file's truncation was seen was taken up to be read on; -1: none. */
        long copyTakenAt = -1;

        record Before(long offset, long line, int fingerprintLength, long fingerprint, long atMillis) {
        }

        /**
         * A copy of this file that holds what was read from it up to {@code offset}, and starts with the head of this
         * length and hash: read on from there.
         */
        TrackedFile copiedTo(String key, Path path, long offset, long line, long size, int headLength, long headHash) {
            TrackedFile copy = new TrackedFile(key, path, source);
            copy.offset = offset;
            copy.line = line;
            copy.fingerprintLength = headLength;
            copy.fingerprint = headHash;
            copy.renamedAway = true; // let go once read to its end
            copy.lastSize = size;
            rotations.incrementAndGet();
            return copy;
        }

        TrackedFile(String key, Path path, String source) {
            this.key = key;
            this.path = path;
            this.source = source;
            this.lastActiveMillis = clock.millis();
            String name = source.substring(source.lastIndexOf('/') + 1);
            this.json = name.contains(".ndjson") || name.contains(".jsonl");
            int dot = name.indexOf('.');
            this.defaultService = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
        }

        /** Notes the file's current name (whether ingest would take it up) and size, as the directory scan saw them. */
        void scanned(boolean away, long size) {
            if (away && !renamedAway) {
                lastActiveMillis = clock.millis();
            }
            renamedAway = away;
            lastSize = size;
            sizeFromCheckpoint = false;
        }

        /** Read to its end, nothing waiting for continuation lines, and no new bytes for the grace period. */
        boolean finished() {
            return offset >= lastSize && quiet();
        }

        /** Nothing waiting for continuation lines, and no new bytes for the grace period. */
        private boolean quiet() {
            return pending == null && clock.millis() - lastActiveMillis >= RENAMED_GRACE_MILLIS;
        }

        /** Whether the file is no longer where it was first read (renamed by rotation, or a copy made by it). */
        private boolean rotated() {
            return !relative(path).equals(source);
        }

        /**
         * A rotated file that stayed quiet for the grace period is no longer written: a last line without its newline
         * (a writer that stopped mid-line, a copy made mid-line) is complete and becomes an event. The file under its
         * first name keeps such a line back: its writer may still be writing it.
         */
        void endLastLineIfLeft() throws IOException {
            if (offset < lastSize && rotated() && quiet()) {
                read(true);
                flush();
            }
        }

        /**
         * Notes what the file held beyond the offset when found truncated (the rest of a line without its newline,
         * say): a copy may still be found that holds it, so it is counted as lost only once the grace period passed.
         */
        private void noteUnreadAtTruncation() {
            countUnreadAtTruncationAsLost(); // an earlier truncation's copy would no longer be recognised
            long unread = Math.max(0, readSize - offset);
            unreadAtTruncation = copyTakenAt == offset ? 0 : unread;
            copyTakenAt = -1;
        }

        /** Counts the bytes unread at the last truncation as lost once no copy holding them was found in time. */
        void countUnreadAtTruncationIfNoCopy() {
            if (unreadAtTruncation > 0 && (truncatedFrom == null
                    || clock.millis() - truncatedFrom.atMillis() > RENAMED_GRACE_MILLIS)) {
                countUnreadAtTruncationAsLost();
            }
        }

        void countUnreadAtTruncationAsLost() {
            if (unreadAtTruncation > 0) {
                unreadBytesLost.addAndGet(unreadAtTruncation);
                error(unreadAtTruncation + " bytes of " + source + " were never read: the file was truncated first");
                unreadAtTruncation = 0;
            }
        }

        void countUnreadAsLost() {
            long unread = lastSize - offset;
            if (unread > 0) {
                unreadBytesLost.addAndGet(unread);
                error(sizeFromCheckpoint
                        ? "at least " + unread + " bytes of " + source + " were never read: the file went away while "
                                + "ingest was stopped"
                        : unread + " bytes of " + source + " were never read: the file went away first");
            }
        }

        /** Notes the file's size without reading it. */
        void measure() {
            try {
                lastSize = Files.size(path);
                sizeFromCheckpoint = false;
            } catch (IOException e) {
                // gone or unreadable: the next read says so
            }
        }

        /** Reads what was appended; true when more remains than one read takes. */
        boolean read() throws IOException {
            return read(false);
        }

        /** @param atEnd whether the file is no longer written, so bytes after its last newline are a line too */
        private boolean read(boolean atEnd) throws IOException {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = channel.size();
                lastSize = size;
                sizeFromCheckpoint = false;
                if (size < offset || !fingerprintMatches(channel, size) || !tailMatches(channel)) {
                    // Truncated or replaced in place: what was read is in the store; read the new content anew.
                    if (fingerprintLength > 0) {
                        truncatedFrom = new Before(offset, line, fingerprintLength, fingerprint, clock.millis());
                    }
                    noteUnreadAtTruncation();
                    flush();
                    truncations.incrementAndGet();
                    offset = 0;
                    line = 0;
                    skippingLongLine = false;
                    fingerprintLength = 0;
                    tailLength = 0;
                    // New content: its first lines without a time take the clock's now, not the old content's time,
                    // so the same lines at the same offsets are new events, not the old ones again.
                    lastTimestamp = ParsedLine.NO_TIME;
                    generation++;
                }
                readSize = size;
                takeFingerprint(channel, size);
                if (size == offset) {
                    return false;
                }
                // A whole line of max-line bytes and its newline must fit, or a longer setting would stall the file.
                int length = (int) Math.min(Math.max(READ_CHUNK, maxLine + 1L), size - offset);
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        break;
                    }
                }
                byte[] bytes = buffer.array();
                int filled = buffer.position();
                int consumed = lines(bytes, filled, atEnd && offset + filled == size);
                offset += consumed;
                if (consumed > 0) {
                    takeTail(channel);
                }
                bytesRead.addAndGet(consumed);
                if (consumed > 0 && !atEnd) {
                    lastActiveMillis = clock.millis();
                }
                return offset < size && consumed > 0;
            }
        }

        /**
         * Splits complete lines; returns the bytes consumed.
         *
         * @param lastLine whether the bytes after the last newline are a complete line (the file is no longer written)
         */
        private int lines(byte[] bytes, int filled, boolean lastLine) {
            int start = 0;
            for (int i = 0; i < filled; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                if (skippingLongLine) {
                    skippingLongLine = false;
                } else {
                    int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                    if (end - start > maxLine) {
                        cutLine(bytes, start);
                    } else {
                        line++;
                        accept(Text.decode(bytes, start, end - start), offset + start);
                    }
                }
                start = i + 1;
            }
            int rest = filled - start;
            if (rest > maxLine && !skippingLongLine) {
                // No newline within the limit: keep the head, drop the rest of the line as it arrives.
                cutLine(bytes, start);
                skippingLongLine = true;
                return filled;
            }
            if (skippingLongLine) {
                return filled;
            }
            if (lastLine && rest > 0) {
                int end = bytes[filled - 1] == '\r' ? filled - 1 : filled;
                line++;
                accept(Text.decode(bytes, start, end - start), offset + start);
                return filled;
            }
            return start;
        }

        private void cutLine(byte[] bytes, int start) {
            cut.incrementAndGet();
            line++;
            int keep = Text.utf8Boundary(bytes, start, maxLine);
            accept(Text.decode(bytes, start, keep) + Text.CUT_MARKER, offset + start);
        }

        private void accept(String text, long lineOffset) {
            long now = clock.millis();
            boolean inPemBlock = !json && pending != null && pending.inPemBlock;
            if (inPemBlock && !LineParser.continuesPemBlock(text)) {
                pending.inPemBlock = false; // a broken block: the line is read as any other
                inPemBlock = false;
            }
            if (!json && pending != null && (inPemBlock || LineParser.isContinuation(text)
                    || pending.traceback.continuedBy(text))) {
                pending.traceback = pending.traceback.after(text);
                pending.inPemBlock = inPemBlock ? !LineParser.closesPemBlock(text) : LineParser.opensPemBlock(text);
                if (pending.continuation == null) {
                    pending.continuation = new StringBuilder();
                }
                if (pending.continuation.length() < maxLine) {
                    pending.continuation.append('\n').append(text);
                } else if (!pending.continuationCut) {
                    // The event is as long as a line may be: the rest is dropped, and the event says so.
                    pending.continuationCut = true;
                    cut.incrementAndGet();
                    pending.continuation.append(Text.CUT_MARKER);
                }
                pending.lastAppendMillis = now;
                return;
            }
            flush();
            if (text.isBlank()) {
                // A blank line is no event: it holds nothing to search for or to show, and a file of newlines would
                // otherwise make an event of every byte. Nothing is lost by it: inside an event (a traceback's blank
                // line) it was kept above, and it still counts as a line, so line numbers stay the file's.
                return;
            }
            ParsedLine parsed = parse(text);
            Pending next = new Pending(lineOffset, line, parsed, now);
            next.traceback = LineParser.Traceback.NONE.after(parsed.message());
            next.inPemBlock = LineParser.opensPemBlock(text);
            if (json) {
                pending = next;
                flush();
            } else {
                pending = next;
            }
        }

        /**
         * A line that breaks the parser (one that overflows the stack, say) is kept whole as an unparsed line and
         * counted as an error: the event is not lost, and ingest goes on with the next line.
         */
        private ParsedLine parse(String text) {
            try {
                return LineParser.parse(text, properties.defaultZone());
            } catch (Throwable t) {
                if (!containable(t)) {
                    throw t;
                }
                error("line " + line + " of " + source + " could not be parsed: " + t.getClass().getSimpleName());
                return ParsedLine.raw(text);
            }
        }

        /** Emits the pending event when no continuation line came for the flush delay. */
        void flushIfIdle() {
            if (pending != null
                    && clock.millis() - pending.lastAppendMillis >= properties.multilineFlush().toMillis()) {
                flush();
            }
        }

        void flush() {
            Pending p = pending;
            if (p == null) {
                return;
            }
            pending = null;
            ParsedLine parsed = p.parsed;
            long timestamp = parsed.timestamp() != ParsedLine.NO_TIME ? parsed.timestamp()
                    : lastTimestamp != ParsedLine.NO_TIME ? lastTimestamp : clockTime(key + "#" + generation, p.offset);
            lastTimestamp = timestamp;
            String message = p.continuation == null ? parsed.message() : parsed.message() + p.continuation;
            String service = parsed.service().isEmpty() ? defaultService : parsed.service();
            if (parsed.unparsed()) {
                unparsed.incrementAndGet();
            }
            String id = LogEvent.idOf(Text.eventId(source, p.offset, timestamp, message));
            batch.add(new LogEvent(id, timestamp, service, parsed.level(), message,
                    enriched(service, message, parsed.fields()), source,
                    p.line, p.offset, parsed.unparsed()));
            if (batch.size() >= properties.batchSize()) {
                // Handed over from inside the read: one read of short lines makes millions of events. The checkpoint
                // is only taken by a commit, after the read has moved the offset past every event handed over (and
                // kept it before a pending one), so it never points past events the store has not been given.
                flushBatch();
            }
        }

        private Map<String, String> enriched(String service, String message, Map<String, String> fields) {
            Map<String, String> added;
            try {
                added = enricher.enrich(service, message, fields);
            } catch (Throwable t) {
                if (!containable(t)) {
                    throw t;
                }
                // Derived fields are a convenience: the event is stored without them rather than dropped.
                error("event enrichment failed: " + t.getClass().getSimpleName());
                return fields;
            }
            if (added.isEmpty()) {
                return fields;
            }
            Map<String, String> all = new java.util.HashMap<>(added);
            all.putAll(fields);
            return all;
        }

        private boolean fingerprintMatches(FileChannel channel, long size) throws IOException {
            if (fingerprintLength == 0 || size < fingerprintLength) {
                return true;
            }
            return Text.hash(readHead(channel, fingerprintLength)) == fingerprint;
        }

        private void takeFingerprint(FileChannel channel, long size) throws IOException {
            if (fingerprintLength < FINGERPRINT_BYTES && size > fingerprintLength) {
                int length = (int) Math.min(FINGERPRINT_BYTES, size);
                fingerprint = Text.hash(readHead(channel, length));
                fingerprintLength = length;
            }
        }

        private boolean tailMatches(FileChannel channel) throws IOException {
            return tailLength == 0 || offset < tailLength
                    || Text.hash(readAt(channel, offset - tailLength, tailLength)) == tailHash;
        }

        /**
         * The tail length and hash, tab-separated, of the bytes before {@code position}, as the checkpoint keeps them;
         * "0\t0" (no check) when the file cannot be read now.
         */
        String tailBefore(long position) {
            int length = (int) Math.min(FINGERPRINT_BYTES, position);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                if (length == 0 || channel.size() < position) {
                    return "0\t0";
                }
                return length + "\t" + Text.hash(readAt(channel, position - length, length));
            } catch (IOException e) {
                return "0\t0";
            }
        }

        private void takeTail(FileChannel channel) throws IOException {
            tailLength = (int) Math.min(FINGERPRINT_BYTES, offset);
            tailHash = Text.hash(readAt(channel, offset - tailLength, tailLength));
        }

        private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
                // read until full or end of file
            }
            return bytes.array();
        }

        private byte[] readHead(FileChannel channel, int length) throws IOException {
            ByteBuffer head = ByteBuffer.allocate(length);
            while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
                // read until full or end of file
            }
            return head.array();
        }
    }

    /** Used by tests to see the tracked sources. */
    synchronized Map<String, Long> offsets() {
        Map<String, Long> offsets = new HashMap<>();
        files.values().forEach(f -> offsets.put(f.source, f.offset));
        return offsets;
    }
}
