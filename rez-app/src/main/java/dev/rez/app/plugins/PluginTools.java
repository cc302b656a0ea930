package dev.rez.app.plugins;

import dev.rez.agent.Tool;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's tools from plugins: {@link Tool} implementations listed in {@code
 * META-INF/services/dev.rez.agent.Tool} on the app's classpath and in each jar of a plugins folder,
 * found with {@link ServiceLoader}.
 *
 * <pre>{@code
 * List<PluginTools.Loaded> tools = PluginTools.load(Path.of("data/testnet/plugins"), PluginTools.class.getClassLoader());
 * tools.forEach(t -> agentBuilder.tool(t.tool()));
 * }</pre>
 *
 * <p>Each jar gets its own class loader (whose parent is the app's), so a tool is always attributed
 * to the jar it came from. A jar that cannot be read, names a class it does not hold, or whose tool
 * cannot be created or has an invalid name, fails the whole load with a {@link PluginException}
 * naming the jar: the app does not start with half its tools. The class loaders stay open for the
 * life of the process.
 */
public final class PluginTools {
  private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private PluginTools() {}

  /**
   * A loaded tool and where it came from.
   *
   * @param tool the tool
   * @param source {@code classpath} or the jar's file name
   */
  public record Loaded(Tool tool, String source) {
    public Loaded {
      Objects.requireNonNull(tool, "tool == null");
      Objects.requireNonNull(source, "source == null");
    }
  }

  /**
   * A plugin that could not be loaded; the message names the jar (or {@code classpath}) and the
   * cause.
   */
  public static final class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Loads the tools of {@code parent}'s classpath, then of every {@code *.jar} in {@code dir} (in
   * name order).
   *
   * @param dir the plugins folder; a missing folder has no plugins
   * @param parent the app's class loader: it provides {@code dev.rez.agent} to the plugins
   * @throws PluginException naming the jar when one fails to load, or two tools share a name
   */
  public static List<Loaded> load(Path dir, ClassLoader parent) {
    Map<String, Loaded> byName = new LinkedHashMap<>();
    for (Tool t : discover(ServiceLoader.load(Tool.class, parent), "classpath", null))
      add(byName, new Loaded(t, "classpath"));
    for (Path jar : jars(dir)) {
      String source = jar.getFileName().toString();
      URLClassLoader loader;
      try {
        loader = new URLClassLoader("plugin " + source, new URL[] {jar.toUri().toURL()}, parent);
      } catch (MalformedURLException e) {
        throw new PluginException("plugin jar " + jar + " cannot be opened: " + e.getMessage(), e);
      }
      List<Tool> tools =
          discover(ServiceLoader.load(Tool.class, loader), "plugin jar " + jar, loader);
      if (tools.isEmpty()) {
        throw new PluginException(
            "plugin jar "
                + jar
                + " holds no tool: list its Tool classes in META-INF/services/"
                + Tool.class.getName(),
            null);
      }
      for (Tool t : tools) add(byName, new Loaded(t, source));
    }
    return List.copyOf(byName.values());
  }

  private static List<Path> jars(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new PluginException(
          "the plugins folder " + dir + " cannot be listed: " + e.getMessage(), e);
    }
  }

  /**
   * The tools {@code services} provides; with {@code own}, only those whose class {@code own}
   * defined (not the parent's).
   */
  private static List<Tool> discover(ServiceLoader<Tool> services, String where, ClassLoader own) {
    List<Tool> out = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<Tool> p : services.stream().toList()) {
        if (own != null && p.type().getClassLoader() != own) continue;
        Tool t = p.get();
        String name = t.name();
        if (name == null || !TOOL_NAME.matcher(name).matches()) {
          throw new PluginException(
              where
                  + ": tool "
                  + p.type().getName()
                  + " has an invalid name '"
                  + name
                  + "' (1-64 letters, digits, _ or -)",
              null);
        }
        out.add(t);
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new PluginException(where + " failed to load a tool: " + describe(e), e);
    } catch (PluginException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PluginException(where + ": a tool failed to start: " + describe(e), e);
    }
    return out;
  }

  private static void add(Map<String, Loaded> byName, Loaded l) {
    Loaded before = byName.putIfAbsent(l.tool().name(), l);
    if (before != null) {
      throw new PluginException(
          "tool name '"
              + l.tool().name()
              + "' is used twice: by "
              + before.source()
              + " and by "
              + l.source(),
          null);
    }
  }

  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.toString());
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause())
      b.append(" <- ").append(c);
    return b.toString();
  }
}
