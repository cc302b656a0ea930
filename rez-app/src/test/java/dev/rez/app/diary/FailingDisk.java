package dev.rez.app.diary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * A disk for tests that fills up on command: writes fail like {@code ENOSPC} (the first failing
 * write still puts a few bytes in the file, as a real one may), forcing fails, and the free space
 * reads as zero. Opens diaries on it.
 */
public final class FailingDisk {
  private volatile boolean full;
  private volatile Predicate<String> fillOn = s -> false;
  private volatile boolean partialWritten;

  /** Writes attempted while full. */
  public volatile int failedWrites;

  /** Opens {@code file} on this disk, with the diary's default queue bound. */
  public JsonlDiary open(Path file) {
    return open(file, JsonlDiary.MAX_PENDING_BYTES);
  }

  /** Opens {@code file} on this disk with a queue bound of {@code maxPendingBytes}. */
  public JsonlDiary open(Path file, long maxPendingBytes) {
    return JsonlDiary.open(
        file,
        DiaryLock.acquire(file),
        new Storage() {
          @Override
          public FileChannel open(Path f, OpenOption... options) throws IOException {
            return new Channel(FileChannel.open(f, options));
          }

          @Override
          public long usableSpace(Path f) throws IOException {
            return full ? 0 : Storage.DEFAULT.usableSpace(f);
          }
        },
        maxPendingBytes);
  }

  /** The disk is full (true) or has room again (false). */
  public void full(boolean full) {
    this.full = full;
    this.partialWritten = false;
  }

  /**
   * The disk fills up at the first write whose bytes contain {@code text} (that write already
   * fails).
   */
  public void fillOnWriteOf(String text) {
    fillOn = s -> s.contains(text);
  }

  public boolean isFull() {
    return full;
  }

  private final class Channel extends FileChannel {
    private final FileChannel d;

    Channel(FileChannel d) {
      this.d = d;
    }

    private int failOrPartial(ByteBuffer src, long position) throws IOException {
      if (!full) {
        byte[] peek = new byte[src.remaining()];
        src.duplicate().get(peek);
        if (fillOn.test(new String(peek, java.nio.charset.StandardCharsets.UTF_8))) {
          fillOn = s -> false;
          full = true;
          partialWritten = false;
        }
      }
      if (!full) return -1;
      failedWrites++;
      if (!partialWritten && src.remaining() > 5) {
        partialWritten = true;
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + 5);
        int n = position < 0 ? d.write(part) : d.write(part, position);
        src.position(src.position() + n);
        return n;
      }
      throw new IOException("No space left on device (test)");
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = failOrPartial(src, -1);
      return n >= 0 ? n : d.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      int n = failOrPartial(src, position);
      return n >= 0 ? n : d.write(src, position);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      if (full) throw new IOException("No space left on device (test)");
      return d.write(srcs, offset, length);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (full) throw new IOException("No space left on device (test)");
      d.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return d.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return d.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return d.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return d.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      d.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return d.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      d.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return d.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      if (full) throw new IOException("No space left on device (test)");
      return d.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return d.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return d.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return d.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      d.close();
    }
  }
}
