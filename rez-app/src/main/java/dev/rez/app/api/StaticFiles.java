package dev.rez.app.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's static files, from the classpath folder {@code rez-dashboard/} (the rez-dashboard
 * jar). Paths are decoded once and then must be plain: no {@code .} or {@code ..} segment, no
 * backslash, no control character — anything else is not found. Only regular files are served,
 * never a directory listing.
 */
final class StaticFiles {
  static final String ROOT = "rez-dashboard/";
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json; charset=utf-8"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("map", "application/json; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("webp", "image/webp"),
          Map.entry("gif", "image/gif"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("webmanifest", "application/manifest+json"));

  static final String NOT_BUILT =
      """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Rez</title></head>
      <body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
      <h1>Rez</h1>
      <p>The dashboard was not built into this jar. The JSON API is served under <code>/api</code>
      (for example <a href="/api/status">/api/status</a>).</p>
      <p>Build it with <code>./mvnw -pl rez-dashboard -am package</code> (needs Node.js), or run the app
      from a jar built that way.</p>
      </body></html>
      """;

  private final ClassLoader loader;
  private final boolean built;

  StaticFiles(ClassLoader loader) {
    this.loader = loader;
    this.built = loader.getResource(ROOT + "index.html") != null;
  }

  boolean built() {
    return built;
  }

  /** A file to send. */
  record Found(byte[] bytes, String contentType, boolean immutable) {}

  /** The file for a request path (still percent-encoded), or null when there is none. */
  Found find(String rawPath) {
    String path = decode(rawPath);
    if (path == null) return null;
    String rel = path.startsWith("/") ? path.substring(1) : path;
    if (!plain(rel)) return null;
    String[] candidates =
        rel.isEmpty() || rel.endsWith("/")
            ? new String[] {rel + "index.html"}
            : new String[] {rel, rel + ".html", rel + "/index.html"};
    for (String c : candidates) {
      byte[] bytes = read(ROOT + c);
      if (bytes != null) {
        String ext = c.substring(c.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return new Found(
            bytes,
            TYPES.getOrDefault(ext, "application/octet-stream"),
            c.startsWith("_next/static/"));
      }
    }
    return null;
  }

  private static String decode(String raw) {
    try {
      // Decodes %XX escapes exactly once; '+' stays '+'. What decodes to '%' again is refused by
      // plain().
      return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean plain(String rel) {
    if (rel.length() > 512) return false;
    for (int i = 0; i < rel.length(); i++) {
      char ch = rel.charAt(i);
      if (ch < 0x20 || ch == 0x7f || ch == '\\' || ch == ':' || ch == '%') return false;
    }
    String[] segments = rel.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".") || s.equals("..")) return false;
      if (s.isEmpty() && i != segments.length - 1) return false; // "//" or a leading slash
    }
    return true;
  }

  /** The bytes of a regular file on the classpath, or null (directories are not files). */
  private byte[] read(String name) {
    URL url = loader.getResource(name);
    if (url == null) return null;
    try {
      if (url.getProtocol().equals("file")) {
        Path p = Path.of(url.toURI());
        return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
      }
      URLConnection c = url.openConnection();
      // The jar stays open and is shared by every request (reading it concurrently is safe).
      // Without the cache,
      // closing one request's stream would close the shared jar under the requests reading it at
      // that moment.
      c.setUseCaches(true);
      if (c instanceof JarURLConnection j
          && (j.getJarEntry() == null || j.getJarEntry().isDirectory())) return null;
      try (InputStream in = c.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
