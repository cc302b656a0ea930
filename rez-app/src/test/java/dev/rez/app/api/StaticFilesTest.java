package dev.rez.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's files read from a jar, as the app serves them from the rez-dashboard jar. */
class StaticFilesTest {
  @TempDir Path dir;

  @Test
  void everyFileIsFoundWhileManyRequestsReadTheJarAtOnce() throws Exception {
    Path jar = dir.resolve("dashboard.jar");
    List<String> paths = new ArrayList<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("rez-dashboard/"));
      out.putNextEntry(new JarEntry("rez-dashboard/mind/"));
      for (int i = 0; i < 24; i++) {
        String name = (i % 2 == 0 ? "mind/" : "") + "__next.page" + i + ".txt";
        paths.add("/" + name);
        entry(out, "rez-dashboard/" + name, ("file " + i + " ").repeat(2000));
      }
      entry(out, "rez-dashboard/index.html", "<!doctype html><title>Rez</title>");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      StaticFiles files = new StaticFiles(loader);
      assertThat(files.built()).isTrue();
      assertThat(files.find("/mind/")).isNull(); // a folder without index.html: nothing to serve
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<String>>> misses = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          misses.add(
              pool.submit(
                  () -> {
                    List<String> missed = new ArrayList<>();
                    for (int round = 0; round < 40; round++) {
                      for (String p : paths) {
                        StaticFiles.Found f = files.find(p);
                        if (f == null) missed.add(p);
                        else
                          assertThat(new String(f.bytes(), StandardCharsets.UTF_8))
                              .startsWith("file ");
                      }
                    }
                    return missed;
                  }));
        }
        for (Future<List<String>> m : misses)
          assertThat(m.get()).as("files not found while others were read").isEmpty();
      } finally {
        pool.shutdownNow();
      }
      assertThat(files.find("/")).isNotNull();
    }
  }

  private static void entry(JarOutputStream out, String name, String text) throws Exception {
    out.putNextEntry(new JarEntry(name));
    OutputStream o = out;
    o.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
