package dev.rez.app.diary;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The index sidecar ({@code diary.jsonl.idx}): a header, then one binary record per indexed line: offset,
 * length, cycle, type, asset. It is a cache of what a scan of the diary yields — when it is missing, torn or
 * disagrees with the diary it is cut back or rebuilt, never trusted over the diary.
 */
final class IndexFile implements AutoCloseable {
  private static final byte[] MAGIC = "REZIDX1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final DataOutputStream out;

  private IndexFile(DataOutputStream out) {
    this.out = out;
  }

  /** Result of loading: the index of every trusted record, and the open sidecar to extend. */
  record Loaded(DiaryIndex index, IndexFile file) {}

  /**
   * Loads the records that agree with {@code diary} (of {@code diarySize} bytes), cuts the sidecar back to
   * them, and opens it for appending.
   */
  static Loaded open(Path path, FileChannel diary, long diarySize) throws IOException {
    DiaryIndex index = new DiaryIndex(1024);
    long validBytes = 0;
    if (Files.exists(path)) {
      try (Counting counting = new Counting(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
          DataInputStream in = new DataInputStream(counting)) {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (Arrays.equals(magic, MAGIC)) {
          validBytes = counting.count;
          long prevEnd = 0;
          while (true) {
            long offset = in.readLong();
            int length = in.readInt();
            long cycle = in.readLong();
            String type = in.readUTF();
            String asset = in.readUTF();
            if (offset < prevEnd || length <= 0 || offset + length + 1 > diarySize || cycle < 0 || type.isEmpty()) break;
            index.add(offset, length, cycle, type, asset.isEmpty() ? null : asset);
            prevEnd = offset + length + 1;
            validBytes = counting.count;
          }
        }
      } catch (EOFException torn) {
        // The last record was cut short: keep what came before it.
      }
    }
    if (index.size() > 0 && !agrees(index, diary)) {
      index = new DiaryIndex(1024);
      validBytes = 0;
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      if (validBytes == 0) {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(MAGIC), 0);
      } else {
        ch.truncate(validBytes);
      }
    }
    // A classic stream, not a channel: an interrupt in a write cannot close it.
    OutputStream os = new java.io.FileOutputStream(path.toFile(), true);
    return new Loaded(index, new IndexFile(new DataOutputStream(new BufferedOutputStream(os, 1 << 16))));
  }

  /** True when the last indexed line is still in the diary where the index says, with the same header. */
  private static boolean agrees(DiaryIndex index, FileChannel diary) throws IOException {
    int last = index.size() - 1;
    long offset = index.offsets.get(last);
    int length = index.lengths.get(last);
    ByteBuffer buf = ByteBuffer.allocate(length + 1);
    while (buf.hasRemaining()) {
      if (diary.read(buf, offset + buf.position()) < 0) return false;
    }
    byte[] line = buf.array();
    if (line[length] != '\n') return false;
    LineCodec.Header h = LineCodec.header(line, 0, length);
    if (h == null) return false;
    int a = index.assetIds.get(last);
    return h.cycle() == index.cycles.get(last)
        && h.type().equals(index.types.get(index.typeIds.get(last)))
        && java.util.Objects.equals(h.asset(), a < 0 ? null : index.assets.get(a));
  }

  void append(long offset, int length, long cycle, String type, String asset) throws IOException {
    out.writeLong(offset);
    out.writeInt(length);
    out.writeLong(cycle);
    out.writeUTF(type);
    out.writeUTF(asset == null ? "" : asset);
  }

  void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Counts the bytes the data stream consumed, to cut the sidecar after the last whole record. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }
  }
}
