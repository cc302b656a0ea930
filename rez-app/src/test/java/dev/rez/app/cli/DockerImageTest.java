package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image's recipe keeps secrets out of the build context and other processes out of the JVM. */
class DockerImageTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theJvmRefusesToBeAttachedTo() throws IOException {
    String entrypoint =
        Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
            .filter(l -> l.startsWith("ENTRYPOINT"))
            .findFirst()
            .orElseThrow();
    assertThat(entrypoint).contains("\"-XX:+DisableAttachMechanism\"");
  }

  @Test
  void secretsAndDiariesAtAnyDepthStayOutOfTheBuildContext() throws IOException {
    List<String> excluded =
        List.of(
            ".env",
            "rez-app/.env",
            "deploy/prod/.env",
            "deploy/.env.mainnet",
            "rez.env",
            "ops/rez.env",
            "diary.jsonl",
            "data/testnet/diary.jsonl",
            "rez-app/data/mainnet/diary.jsonl",
            "backups/old.jsonl",
            "data/testnet/diary.jsonl.idx",
            "data/testnet/diary.jsonl.kill-switch.json",
            "secrets/hl.key",
            "ops/agent.pem",
            "ops/hl-private-key.txt",
            "rez-app/run.log");
    List<String> kept =
        List.of(
            "pom.xml",
            "rez-app/src/main/java/dev/rez/app/cli/Main.java",
            "rez-app/src/main/resources/dev/rez/app/data/btc-5m.csv",
            "rez-agent/src/test/resources/data/x.json",
            "rez-dashboard/package.json",
            "mvnw",
            ".mvn/wrapper/maven-wrapper.properties");
    List<PathMatcher> patterns = patterns();
    for (String p : excluded) assertThat(ignored(patterns, p)).as(p + " is excluded").isTrue();
    for (String p : kept) assertThat(ignored(patterns, p)).as(p + " is kept").isFalse();
  }

  /**
   * The .dockerignore patterns as glob matchers. Docker matches a pattern against a path and every
   * parent of it, and its {@code **} also matches no folder at all; both are modelled here.
   */
  private static List<PathMatcher> patterns() throws IOException {
    List<PathMatcher> out = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve(".dockerignore"))) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#")) continue;
      assertThat(p).as("no exceptions are modelled").doesNotStartWith("!");
      if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
      out.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
      if (p.startsWith("**/"))
        out.add(FileSystems.getDefault().getPathMatcher("glob:" + p.substring(3)));
    }
    return out;
  }

  private static boolean ignored(List<PathMatcher> patterns, String path) {
    for (Path p = Path.of(path); p != null; p = p.getParent()) {
      for (PathMatcher m : patterns) if (m.matches(p)) return true;
    }
    return false;
  }
}
