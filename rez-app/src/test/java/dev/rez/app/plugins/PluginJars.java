package dev.rez.app.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars for tests: compiles Java sources against the test classpath and packs them
 * with their files.
 */
public final class PluginJars {
  private PluginJars() {}

  /** The example plugin of this repository, built from its sources into {@code dir/<jarName>}. */
  public static Path examplePlugin(Path dir, String jarName) throws IOException {
    Path project = Path.of("..", "examples", "tool-plugin").toAbsolutePath().normalize();
    List<Path> sources;
    try (Stream<Path> s = Files.walk(project.resolve("src/main/java"))) {
      sources = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    Path services = project.resolve("src/main/resources/META-INF/services/dev.rez.agent.Tool");
    return build(
        dir,
        jarName,
        sources,
        Map.of("META-INF/services/dev.rez.agent.Tool", Files.readString(services)));
  }

  /** A jar of {@code sources} (compiled) and {@code files} (path in the jar to text). */
  public static Path build(Path dir, String jarName, List<Path> sources, Map<String, String> files)
      throws IOException {
    Files.createDirectories(dir);
    // Beside the plugins folder, not in it: the folder must hold only what a user would put there.
    Path classes = Files.createTempDirectory(dir.toAbsolutePath().getParent(), "classes");
    if (!sources.isEmpty()) {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      String[] args =
          Stream.concat(
                  Stream.of(
                      "-d",
                      classes.toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      "-proc:none"),
                  sources.stream().map(Path::toString))
              .toArray(String[]::new);
      if (javac.run(null, null, null, args) != 0)
        throw new IllegalStateException("compiling " + sources + " failed");
    }
    Path jar = dir.resolve(jarName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        out.putNextEntry(new JarEntry(f.getKey()));
        OutputStream o = out;
        o.write(f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
