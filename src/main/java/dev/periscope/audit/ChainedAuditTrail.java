package dev.periscope.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail as a hash chain of JSON-line segments on local disk.
 *
 * <p>One writer thread owns the files. Callers queue their records and wait; the writer takes everything queued,
 * writes it in one go and fsyncs once (group commit), then releases every waiting caller. Under load, many
 * {@link #begin} calls share one fsync, which is what keeps the overhead per read low.
 *
 * <p>Failure is closed: when a batch cannot be made durable, the writer cuts the file back to the last durable byte,
 * forgets the failed records and every waiting caller gets {@link AuditUnavailableException}.
 */
final class ChainedAuditTrail implements AuditTrail, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChainedAuditTrail.class);
    /** The lock file that keeps a second process from writing the same chain. */
    static final String WRITER_LOCK = ".writer.lock";
    private static final int MAX_BATCH = 1024;
    private static final int MAX_QUEUE = 100_000;
    /** Completions nobody waits for are fsynced with the next begin, or after this long at the latest. */
    private static final long LAZY_FORCE_MILLIS = 20;

    /** How the chain is written; derived from {@link AuditProperties}. */
    record Settings(Path directory, long segmentMaxBytes, Duration segmentMaxAge, Duration durableTimeout,
            SegmentOpener opener) {

        Settings(Path directory, long segmentMaxBytes, Duration segmentMaxAge, Duration durableTimeout) {
            this(directory, segmentMaxBytes, segmentMaxAge, durableTimeout, FileChannel::open);
        }
    }

    /** Opens segment files; tests pass one whose channels fail on demand. */
    @FunctionalInterface
    interface SegmentOpener {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    /**
     * A record waiting for the writer. Its own fields are already serialised by the caller: a bad entry fails only its
     * own caller, and the single writer thread does only what must be sequential (position, link, hash, write).
     */
    private record Pending(String type, String id, String fields, @Nullable String ref,
            CompletableFuture<Void> durable) {
    }

    private static final Pending STOP = new Pending("stop", "", "", null, new CompletableFuture<>());

    private final Settings settings;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUE);
    private final Thread writer;
    private final MessageDigest sha = ChainFormat.sha256();
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile boolean open = true;
    private volatile @Nullable Throwable failure;
    private volatile ChainHead head = new ChainHead(0, ChainFormat.GENESIS, "");
    private volatile Runnable onRotate = () -> { };

    // Owned by the writer thread.
    private @Nullable FileChannel channel;
    private long segmentIndex;
    private String segmentName = "";
    private @Nullable Instant segmentOpened;
    private long durableSize;
    /** Bytes handed to the file system, fsynced or not; only completions are ever written without an fsync. */
    private long writtenSize;
    private long durableRecords;
    private String durableHash = ChainFormat.GENESIS;
    private long nextSeq;
    private String lastHash = ChainFormat.GENESIS;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    private final List<Pending> unforced = new ArrayList<>();
    /** The exclusive lock on the audit directory, held while this process writes the chain. */
    private java.nio.channels.@org.jspecify.annotations.Nullable FileLock writerLock;
    private @org.jspecify.annotations.Nullable FileChannel writerLockFile;

    ChainedAuditTrail(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        try {
            openChain();
        } catch (IOException | RuntimeException e) {
            // Start anyway: every begin() fails closed until the writer manages to open the chain.
            failure = e;
            log.error("The audit trail cannot be opened in {}; reads are refused until it can", settings.directory(),
                    e);
        }
        writer = Thread.ofPlatform().name("audit-writer").daemon().start(this::writeLoop);
    }

    /** Called on the writer thread after a segment was closed, e.g. to write a checkpoint. */
    void onRotate(Runnable action) {
        this.onRotate = action;
    }

    /** The durable head, for checkpoints. */
    ChainHead head() {
        return head;
    }

    /** Why the last write failed, if it did and nothing has been written since. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    boolean isOpen() {
        return open;
    }

    Path directory() {
        return settings.directory();
    }

    @Override
    public AuditReceipt begin(AuditEntry entry) {
        return beginConcurrently(entry).durable();
    }

    @Override
    public PendingReceipt beginConcurrently(AuditEntry entry) {
        String id = newId();
        CompletableFuture<Void> durable = submit(new Pending("begin", id, fields(entry), null,
                new CompletableFuture<>()));
        return () -> {
            awaitDurable(durable);
            return new AuditReceipt(id);
        };
    }

    @Override
    public void complete(AuditReceipt receipt, AuditOutcome outcome) {
        // Not awaited: the results are already on their way, and the next group commit makes this durable.
        String fields;
        try {
            StringBuilder out = new StringBuilder(256);
            ChainFormat.outcomeFields(new Json(out, true), receipt.recordId(), outcome);
            fields = out.toString();
        } catch (RuntimeException e) {
            log.error("Lost the completion of audit record {}: it cannot be serialised", receipt.recordId(), e);
            return;
        }
        if (!open || !queue.offer(new Pending("complete", newId(), fields, receipt.recordId(),
                new CompletableFuture<>()))) {
            log.error("Lost the completion of audit record {}: the trail is {}", receipt.recordId(),
                    open ? "overloaded" : "closed");
        }
    }

    @Override
    public void record(AuditEntry entry) {
        awaitDurable(submit(new Pending("event", newId(), fields(entry), null, new CompletableFuture<>())));
    }

    private static String fields(AuditEntry entry) {
        try {
            StringBuilder out = new StringBuilder(512);
            ChainFormat.entryFields(new Json(out, true), entry);
            return out.toString();
        } catch (RuntimeException e) {
            // Fail closed: an entry that cannot be recorded means the action does not happen.
            throw new AuditUnavailableException("The audit entry cannot be recorded", e);
        }
    }

    /**
     * A UUID version 7: time-ordered, and drawn from a thread-local generator because {@code UUID.randomUUID()} funnels
     * every caller through one {@code SecureRandom}. Ids need to be unique, not secret.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private CompletableFuture<Void> submit(Pending pending) {
        if (!open) {
            throw new AuditUnavailableException("The audit trail is closed");
        }
        if (!queue.offer(pending)) {
            throw new AuditUnavailableException("The audit trail is overloaded");
        }
        return pending.durable();
    }

    private void awaitDurable(CompletableFuture<Void> durable) {
        try {
            durable.get(settings.durableTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("The audit record could not be made durable", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException(
                    "The audit record was not durable within " + settings.durableTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("Interrupted while waiting for the audit record", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                Pending first = unforced.isEmpty()
                        ? queue.take()
                        : queue.poll(LAZY_FORCE_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    forceQuietly();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                stopping = true;
            }
            if (batch.remove(STOP)) {
                // Everything queued before close() is still written.
                stopping = true;
                queue.drainTo(batch);
                batch.remove(STOP);
            }
            if (!batch.isEmpty()) {
                writeBatch(batch, stopping);
                batch.clear();
            }
        }
        forceQuietly();
        closeChannel();
        unlockWriter();
    }

    private void writeBatch(List<Pending> batch, boolean stopping) {
        try {
            if (channel == null) {
                openChain();
            }
            boolean someoneWaits = stopping;
            for (Pending pending : batch) {
                if (shouldRotate()) {
                    rotate();
                }
                append(pending);
                someoneWaits |= !pending.type().equals("complete");
            }
            // A batch of completions only is written but not fsynced: no caller waits for it, and sharing the next
            // begin's fsync halves the fsyncs per read.
            flush(someoneWaits);
        } catch (IOException | RuntimeException e) {
            fail(e, batch);
        }
    }

    private void forceQuietly() {
        try {
            if (channel != null) {
                flush(true);
            }
        } catch (IOException | RuntimeException e) {
            fail(e, List.of());
        }
    }

    /** Refuses every record not yet durable: those written without an fsync and the rest of the batch. */
    private void fail(Exception e, List<Pending> batch) {
        failure = e;
        List<Pending> lost = new ArrayList<>(unforced);
        lost.addAll(batch);
        lost.removeIf(p -> p.durable().isDone());
        log.error("Could not make {} audit records durable; the reads they belong to are refused", lost.size(), e);
        rollback();
        for (Pending pending : lost) {
            if (pending.durable().completeExceptionally(e) && pending.type().equals("complete")) {
                log.error("Lost the completion of audit record {}", pending.ref());
            }
        }
        unforced.clear();
    }

    private boolean shouldRotate() {
        if (writtenSize + buffer.size() == 0) {
            return false;
        }
        if (writtenSize + buffer.size() >= settings.segmentMaxBytes()) {
            return true;
        }
        return segmentOpened != null
                && Duration.between(segmentOpened, clock.instant()).compareTo(settings.segmentMaxAge()) >= 0;
    }

    private void append(Pending pending) {
        if (writtenSize == 0 && buffer.size() == 0) {
            // Every segment opens with a record naming it, so a segment cannot be renamed or moved unnoticed.
            appendRecord(ChainFormat.startRecord(new StringBuilder(), nextSeq, newId(), "segment", clock.instant())
                    .field("segment", segmentName), null);
            segmentOpened = clock.instant();
        }
        StringBuilder body = new StringBuilder(512);
        Json record = ChainFormat.startRecord(body, nextSeq, pending.id(), pending.type(), clock.instant());
        body.append(pending.fields());
        appendRecord(record, pending);
    }

    private void appendRecord(Json record, @Nullable Pending pending) {
        StringBuilder body = record.buffer();
        ChainFormat.Sealed sealed = ChainFormat.seal(body, lastHash, sha);
        buffer.writeBytes(sealed.line());
        nextSeq++;
        lastHash = sealed.hash();
        if (pending != null) {
            unforced.add(pending);
        }
    }

    /** Writes the buffer and, when asked, fsyncs; only then tells the waiting callers their records are durable. */
    private void flush(boolean force) throws IOException {
        FileChannel ch = requireChannel();
        if (buffer.size() > 0) {
            ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
            long position = writtenSize;
            while (bytes.hasRemaining()) {
                position += ch.write(bytes, position);
            }
            writtenSize = position;
            buffer.reset();
        }
        if (!force || unforced.isEmpty() && writtenSize == durableSize) {
            return;
        }
        ch.force(false);
        // Cleared before the callers are released, so that none of them still sees the failure of an earlier batch.
        failure = null;
        durableSize = writtenSize;
        durableRecords = nextSeq;
        durableHash = lastHash;
        head = new ChainHead(durableRecords, durableHash, segmentName);
        for (Pending pending : unforced) {
            pending.durable().complete(null);
        }
        unforced.clear();
    }

    private void rollback() {
        buffer.reset();
        nextSeq = durableRecords;
        lastHash = durableHash;
        writtenSize = durableSize;
        FileChannel ch = channel;
        if (ch == null) {
            return;
        }
        try {
            // Bytes of a failed batch may have reached the file; cut them so the chain stays one unbroken line.
            ch.truncate(durableSize);
            ch.force(false);
        } catch (IOException | RuntimeException e) {
            log.error("Could not cut a failed audit batch from {}; the chain is reopened from disk", segmentName, e);
            closeChannel();
        }
    }

    private void rotate() throws IOException {
        flush(true);
        closeChannel();
        onRotateQuietly();
        openSegment(segmentIndex + 1);
    }

    private void onRotateQuietly() {
        try {
            onRotate.run();
        } catch (RuntimeException e) {
            log.error("Audit rotation hook failed", e);
        }
    }

    private FileChannel requireChannel() throws IOException {
        FileChannel ch = channel;
        if (ch == null) {
            throw new IOException("no open audit segment");
        }
        return ch;
    }

    private void openSegment(long index) throws IOException {
        Path path = settings.directory().resolve(ChainFormat.segmentName(index));
        FileChannel ch;
        try {
            ch = settings.opener().open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("audit segment " + path.getFileName() + " exists already; refusing to overwrite",
                    e);
        }
        forceDirectory();
        channel = ch;
        segmentIndex = index;
        segmentName = path.getFileName().toString();
        segmentOpened = clock.instant();
        durableSize = 0;
        writtenSize = 0;
    }

    /** A new file is only durable once its directory entry is: fsync the directory too. */
    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(settings.directory(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for reading; the file's own fsync is the best there is.
            log.debug("Could not fsync the audit directory", e);
        }
    }

    /**
     * Finds the durable head on disk and opens the last segment for appending. A last line without its newline is an
     * interrupted write that no caller was ever told was durable, so it is cut off. Anything else that looks wrong is
     * left for {@code audit verify}: the writer never deletes a complete record.
     */
    private void openChain() throws IOException {
        Files.createDirectories(settings.directory());
        lockWriter();
        List<ChainFormat.Segment> segments = ChainFormat.segments(settings.directory());
        buffer.reset();
        unforced.clear();
        if (segments.isEmpty()) {
            nextSeq = 0;
            lastHash = ChainFormat.GENESIS;
            durableRecords = 0;
            durableHash = lastHash;
            openSegment(1);
            head = new ChainHead(0, lastHash, segmentName);
            return;
        }
        ChainFormat.Segment last = segments.getLast();
        ChainFormat.Lines lines = ChainFormat.readLines(last.path());
        long keep = Files.size(last.path()) - lines.tornTail().length;
        FileChannel ch = settings.opener().open(last.path(), StandardOpenOption.WRITE);
        if (lines.tornTail().length > 0) {
            log.warn("Cutting an interrupted audit write of {} bytes from {}", lines.tornTail().length, last.name());
            ch.truncate(keep);
            ch.force(false);
        }
        channel = ch;
        segmentIndex = last.index();
        segmentName = last.name();
        durableSize = keep;
        writtenSize = keep;
        segmentOpened = null;
        if (!lines.lines().isEmpty()) {
            JsonNode first = parse(lines.lines().getFirst(), last.name());
            segmentOpened = Instant.parse(first.path("time").asString());
            JsonNode tail = parse(lines.lines().getLast(), last.name());
            nextSeq = tail.path("seq").asLong() + 1;
            lastHash = tail.path("hash").asString();
        } else {
            // An empty last segment: a rotation was interrupted after creating the file. Continue from the segment
            // before it.
            ChainHead before = headOf(segments.subList(0, segments.size() - 1));
            nextSeq = before.records();
            lastHash = before.hash();
        }
        durableRecords = nextSeq;
        durableHash = lastHash;
        head = new ChainHead(nextSeq, lastHash, segmentName);
    }

    private ChainHead headOf(List<ChainFormat.Segment> segments) throws IOException {
        for (ChainFormat.Segment segment : segments.reversed()) {
            ChainFormat.Lines lines = ChainFormat.readLines(segment.path());
            if (!lines.lines().isEmpty()) {
                JsonNode tail = parse(lines.lines().getLast(), segment.name());
                return new ChainHead(tail.path("seq").asLong() + 1, tail.path("hash").asString(), segment.name());
            }
        }
        return new ChainHead(0, ChainFormat.GENESIS, "");
    }

    private JsonNode parse(byte[] line, String segment) throws IOException {
        try {
            JsonNode node = json.readTree(line);
            if (!node.path("seq").isNumber() || node.path("hash").asString().length() != 64) {
                throw new IOException("not an audit record");
            }
            return node;
        } catch (RuntimeException e) {
            throw new IOException("The last record of audit segment " + segment
                    + " is unreadable; run 'audit verify' before writing more", e);
        }
    }

    /**
     * Two processes appending to one chain would each write at their own idea of its end, overwriting records that
     * were already reported durable. The writer holds an exclusive lock on the directory for its life; a second
     * writer (a replica given the same audit directory) cannot open the chain, and refuses every read.
     */
    private void lockWriter() throws IOException {
        if (writerLock != null && writerLock.isValid()) {
            return;
        }
        FileChannel lockFile = FileChannel.open(settings.directory().resolve(WRITER_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
        if (lock == null) {
            lockFile.close();
            throw new IOException("another process is writing the audit trail in " + settings.directory()
                    + "; give each portal replica its own audit directory");
        }
        writerLockFile = lockFile;
        writerLock = lock;
    }

    private void unlockWriter() {
        FileChannel lockFile = writerLockFile;
        writerLockFile = null;
        writerLock = null;
        if (lockFile != null) {
            try {
                lockFile.close(); // releases the lock
            } catch (IOException e) {
                log.warn("Could not release the audit writer lock", e);
            }
        }
    }

    private void closeChannel() {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                log.warn("Could not close audit segment {}", segmentName, e);
            }
        }
    }

    /** Stops taking records, writes everything already queued, and closes the segment. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            queue.put(STOP);
            writer.join(settings.durableTimeout().toMillis() * 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
