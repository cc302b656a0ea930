package dev.rez.app.diary;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How a diary reaches its disk: opens its channels and reads the free space. Tests replace it to
 * simulate a full disk or an I/O error without one.
 */
interface Storage {
  /** The real file system. */
  Storage DEFAULT =
      new Storage() {
        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
          return FileChannel.open(file, options);
        }

        @Override
        public long usableSpace(Path file) throws IOException {
          return Files.getFileStore(file).getUsableSpace();
        }
      };

  FileChannel open(Path file, OpenOption... options) throws IOException;

  /** Bytes free for this process on {@code file}'s file system. */
  long usableSpace(Path file) throws IOException;
}
