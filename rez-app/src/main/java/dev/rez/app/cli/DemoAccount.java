package dev.rez.app.cli;

import dev.rez.hyperliquid.PrivateKeySigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo's simulated exchange kept beside its diary: the account's key ({@code <diary>.sim-key},
 * owner-only, never printed) and the simulator's state ({@code <diary>.sim-state.json}). A
 * restarted demo on the same diary continues the same account, positions, orders and clock; a demo
 * on a new or empty diary starts afresh.
 */
final class DemoAccount {
  private DemoAccount() {}

  static Path keyFile(Path diary) {
    return diary.resolveSibling(diary.getFileName() + ".sim-key");
  }

  static Path stateFile(Path diary) {
    return diary.resolveSibling(diary.getFileName() + ".sim-state.json");
  }

  /** A new random secp256k1 private key in hex (below the curve order: its top bit is cleared). */
  static String randomKeyHex() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    b[0] = (byte) (b[0] & 0x7f | 0x01);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Deletes the kept account and state when the diary holds nothing yet: a new diary is a new demo.
   */
  static void forgetUnlessContinuing(Path diary) {
    try {
      if (Files.isRegularFile(diary) && Files.size(diary) > 0) return;
      for (Path p : List.of(keyFile(diary), stateFile(diary))) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.BAD_FILE,
          "cannot reset the demo's simulator files beside " + diary + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * The demo account's key: the kept one, else a new random one, written owner-only.
   *
   * @throws CliException when the kept file cannot be read or holds no key (the message never shows
   *     its content)
   */
  static PrivateKeySigner key(Path diary) {
    Path file = keyFile(diary);
    try {
      if (Files.isRegularFile(file)) {
        try {
          return PrivateKeySigner.fromHex(
              Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
          throw CliException.badFile(
              "the demo account's key file "
                  + file
                  + " holds no key; delete it to start a new demo account");
        }
      }
      String hex = randomKeyHex();
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        return key(diary);
      }
      Files.writeString(
          file, hex + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
      return PrivateKeySigner.fromHex(hex);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.BAD_FILE,
          "cannot keep the demo account's key in " + file + ": " + e.getMessage(),
          e);
    }
  }
}
