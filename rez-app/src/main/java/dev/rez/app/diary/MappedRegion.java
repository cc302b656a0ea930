package dev.rez.app.diary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file read and written through memory maps, in chunks of 16 MiB (the first grows from 64 KiB),
 * so that an index of millions of entries lives in the page cache and not on the heap. Space is
 * allocated with ordinary writes of zeros before it is mapped: a full disk fails that write with an
 * {@link IOException} instead of faulting a later store into the map. Values never straddle a chunk
 * (callers align them). Not threadsafe.
 */
final class MappedRegion implements AutoCloseable {
  static final int CHUNK_SHIFT = 24;
  static final long CHUNK = 1L << CHUNK_SHIFT;
  private static final long MASK = CHUNK - 1;
  private static final int FIRST = 1 << 16;
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 16).asReadOnlyBuffer();

  private final Path path;
  private final Storage storage;
  private FileChannel channel;
  private final List<MappedByteBuffer> chunks = new ArrayList<>();
  private final List<Boolean> dirty = new ArrayList<>();
  private long capacity;

  /** Maps {@code path} (created when missing) as far as it is long. */
  MappedRegion(Path path, Storage storage) throws IOException {
    this.path = path;
    this.storage = storage;
    this.channel =
        storage.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long size = channel.size();
    for (long at = 0; at < size; at += CHUNK) {
      long len = Math.min(CHUNK, size - at);
      chunks.add(channel.map(FileChannel.MapMode.READ_WRITE, at, len));
      dirty.add(false);
    }
    capacity = size;
  }

  /** Bytes mapped. */
  long capacity() {
    return capacity;
  }

  /** Makes the first {@code bytes} bytes writable, allocating them on the disk first. */
  void ensure(long bytes) throws IOException {
    while (capacity < bytes) grow();
  }

  private void grow() throws IOException {
    int last = chunks.size() - 1;
    long lastStart = (long) last << CHUNK_SHIFT;
    long chunkStart;
    long newLen;
    if (last >= 0 && capacity - lastStart < CHUNK) {
      chunkStart = lastStart;
      newLen = Math.min(CHUNK, Math.max(FIRST, (capacity - lastStart) * 2));
    } else {
      chunkStart = capacity;
      newLen = chunks.isEmpty() ? FIRST : CHUNK;
    }
    zeroFill(capacity, chunkStart + newLen);
    MappedByteBuffer m = channel().map(FileChannel.MapMode.READ_WRITE, chunkStart, newLen);
    if (chunkStart == lastStart && last >= 0) {
      chunks.set(last, m);
    } else {
      chunks.add(m);
      dirty.add(false);
    }
    capacity = chunkStart + newLen;
  }

  private void zeroFill(long from, long to) throws IOException {
    long at = from;
    boolean wasInterrupted = false;
    try {
      while (at < to) {
        ByteBuffer z = ZEROS.duplicate();
        z.limit((int) Math.min(z.capacity(), to - at));
        try {
          at += channel().write(z, at);
        } catch (ClosedChannelException e) {
          // An interrupt of this thread closed the channel: write on with the status cleared,
          // restored after.
          if (!Thread.interrupted() && !(e instanceof java.nio.channels.ClosedByInterruptException))
            throw e;
          wasInterrupted = true;
        }
      }
    } finally {
      if (wasInterrupted) Thread.currentThread().interrupt();
    }
  }

  /** The channel, reopened when an interrupt of the writing thread closed it. */
  private FileChannel channel() throws IOException {
    if (!channel.isOpen())
      channel = storage.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return channel;
  }

  long getLong(long pos) {
    return chunks.get((int) (pos >>> CHUNK_SHIFT)).getLong((int) (pos & MASK));
  }

  int getInt(long pos) {
    return chunks.get((int) (pos >>> CHUNK_SHIFT)).getInt((int) (pos & MASK));
  }

  char getChar(long pos) {
    return chunks.get((int) (pos >>> CHUNK_SHIFT)).getChar((int) (pos & MASK));
  }

  void putLong(long pos, long v) {
    int c = (int) (pos >>> CHUNK_SHIFT);
    chunks.get(c).putLong((int) (pos & MASK), v);
    dirty.set(c, true);
  }

  void putInt(long pos, int v) {
    int c = (int) (pos >>> CHUNK_SHIFT);
    chunks.get(c).putInt((int) (pos & MASK), v);
    dirty.set(c, true);
  }

  void putChar(long pos, char v) {
    int c = (int) (pos >>> CHUNK_SHIFT);
    chunks.get(c).putChar((int) (pos & MASK), v);
    dirty.set(c, true);
  }

  /** Forces what was written since the last force to the disk. */
  void force() throws IOException {
    for (int i = 0; i < chunks.size(); i++) {
      if (!dirty.get(i)) continue;
      try {
        chunks.get(i).force();
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
      dirty.set(i, false);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } catch (ClosedChannelException ignored) {
      // already closed
    }
  }
}
