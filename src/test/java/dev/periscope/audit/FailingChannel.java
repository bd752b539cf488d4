package dev.periscope.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/** A file channel whose writes and fsyncs fail while {@code failing} is set, like a full or broken disk. */
final class FailingChannel extends FileChannel {

    private final FileChannel delegate;
    private final AtomicBoolean failing;
    private final java.util.concurrent.CountDownLatch forcing;
    private final java.util.concurrent.CountDownLatch disk;

    FailingChannel(FileChannel delegate, AtomicBoolean failing) {
        this(delegate, failing, new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(0));
    }

    /** A channel whose fsyncs count down {@code forcing}, then wait for {@code disk} to open, like a slow disk. */
    FailingChannel(FileChannel delegate, AtomicBoolean failing, java.util.concurrent.CountDownLatch forcing,
            java.util.concurrent.CountDownLatch disk) {
        this.delegate = delegate;
        this.failing = failing;
        this.forcing = forcing;
        this.disk = disk;
    }

    private void check() throws IOException {
        if (failing.get()) {
            throw new IOException("No space left on device (simulated)");
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        check();
        return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        check();
        return delegate.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        forcing.countDown();
        try {
            disk.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while forcing");
        }
        check();
        delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        check();
        return delegate.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        // Half the bytes reach the file before the failure, as with a disk that fills up mid-write.
        if (failing.get()) {
            int half = src.remaining() / 2;
            ByteBuffer part = src.slice().limit(half);
            delegate.write(part, position);
            check();
        }
        return delegate.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
