package dev.rez.app.diary;

import java.nio.file.Path;

/**
 * Thrown when a diary is opened for writing while another process (or another writer in this one)
 * holds it: two writers would overwrite each other's lines and state files.
 */
public final class DiaryInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path diary;

  DiaryInUseException(Path diary, Path lockFile) {
    super(
        "diary "
            + diary
            + " is in use by another process (it holds "
            + lockFile
            + "); stop it or choose another diary");
    this.diary = diary;
  }

  /** The diary that is in use. */
  public Path diary() {
    return diary;
  }
}
