package dev.rez.app.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses what a web page open in the trader's browser could make of the API: the API listens on
 * loopback, and every page the browser shows can send requests to loopback.
 *
 * <ul>
 *   <li><b>DNS rebinding</b>: a page whose own name resolves to 127.0.0.1 reads the API as "same
 *       origin". Its requests carry that foreign name in {@code Host}, so every request whose
 *       {@code Host} is not the bound address (with the server's port), {@code localhost} on a
 *       loopback bind, or a configured name is a {@code 403 forbidden-host}. On a wildcard bind
 *       ({@code 0.0.0.0}, a container, where a token is required) any IP literal and {@code
 *       localhost} pass with any port, since a published port may differ.
 *   <li><b>Cross-site requests</b> (a form, {@code fetch(…, {mode: 'no-cors'})}): a state-changing
 *       request (any method but GET, HEAD and OPTIONS) whose {@code Origin} — or, without one,
 *       {@code Referer} — is not the server's own is a {@code 403 forbidden-origin}; a
 *       state-changing {@code /api} request must also say {@code Content-Type: application/json}
 *       ({@code 415}), which no cross-site form or no-cors request can send without a CORS
 *       preflight, which this server never grants. Clients that are not browsers send neither
 *       header and pass.
 *   <li><b>Cross-site reads</b>: an {@code /api} request a browser marks {@code Sec-Fetch-Site:
 *       cross-site} or {@code same-site} (another port of the same host) is a {@code 403
 *       forbidden-origin}, so that no page can hold the streams open or run searches.
 *   <li><b>Flapping</b>: state-changing {@code /api} routes are rate limited ({@code 429} with
 *       {@code Retry-After}), and their bodies are capped ({@code 413}).
 * </ul>
 *
 * <p>It also sets the headers that keep the dashboard's pages out of frames and sniffing: a Content
 * Security Policy, {@code X-Frame-Options}, {@code X-Content-Type-Options} and {@code
 * Referrer-Policy}.
 *
 * <p>This class is threadsafe.
 */
final class RequestGuard {
  /** The largest body a state-changing request may carry, in bytes. */
  static final int MAX_BODY = 4096;

  /**
   * The dashboard's policy: its own scripts (and the inline bootstrap a static Next.js export
   * writes), no frames.
   */
  static final String PAGE_CSP =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
          + "form-action 'self'; frame-ancestors 'none'";

  /** JSON is never a document: it may load nothing and be framed by nobody. */
  static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern JSON_TYPE = Pattern.compile("(?i)application/json\\s*(;.*)?");

  private final String boundHost;
  private final boolean wildcard;
  private final boolean loopback;
  private final Set<String> names;
  private final RateLimit writes;

  /**
   * @param boundHost the address the server binds (an IP literal or a name)
   * @param loopback whether that address is loopback
   * @param allowedNames further host names requests may be addressed to (a reverse proxy's), any
   *     case
   * @param writes the rate limit of state-changing {@code /api} requests
   */
  RequestGuard(String boundHost, boolean loopback, List<String> allowedNames, RateLimit writes) {
    this.boundHost = bare(boundHost.toLowerCase(Locale.ROOT));
    this.wildcard =
        this.boundHost.equals("0.0.0.0")
            || this.boundHost.equals("::")
            || this.boundHost.equals("0:0:0:0:0:0:0:0");
    this.loopback = loopback;
    Set<String> n = new HashSet<>();
    for (String name : allowedNames) n.add(name.strip().toLowerCase(Locale.ROOT));
    this.names = Set.copyOf(n);
    this.writes = writes;
  }

  /**
   * Registers the checks; call before registering any other handler. Headers, host and origin are
   * checked before every other handler; the body, its type and the rate only for a state-changing
   * request that reaches a route, after the before-handlers (authentication), so that a caller
   * without the token cannot use up the owner's allowance.
   */
  void register(RoutesConfig routes) {
    routes.before(
        ctx -> {
          headers(ctx);
          checkHost(ctx);
          if (isApi(ctx)) checkFetchSite(ctx);
          if (!SAFE_METHODS.contains(ctx.method().name())) checkOrigin(ctx);
        });
    routes.beforeMatched(
        "/api/*",
        ctx -> {
          if (!SAFE_METHODS.contains(ctx.method().name())) checkWrite(ctx);
        });
  }

  private void checkWrite(Context ctx) {
    checkBody(ctx);
    long waitSeconds = writes.tryAcquire();
    if (waitSeconds > 0) {
      ctx.header("Retry-After", Long.toString(waitSeconds));
      throw new ApiException(
          429, "rate-limited", "too many state-changing requests; retry in " + waitSeconds + " s");
    }
  }

  private static boolean isApi(Context ctx) {
    return ctx.path().startsWith("/api/") || ctx.path().equals("/api");
  }

  /**
   * A browser says where a request comes from in {@code Sec-Fetch-Site}, also for the GETs that
   * carry no {@code Origin}: a page elsewhere cannot read the API's answers, but it could hold
   * streams open or start expensive searches. Only the dashboard itself ({@code same-origin}) and
   * the user ({@code none}: a typed URL) may call the API; clients that are not browsers send no
   * such header.
   */
  private static void checkFetchSite(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null
        && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
      throw new ApiException(
          403,
          "forbidden-origin",
          "cross-site request refused (Sec-Fetch-Site: " + Params.shown(site) + ")");
    }
  }

  private static void headers(Context ctx) {
    boolean api = isApi(ctx);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", api ? API_CSP : PAGE_CSP);
  }

  private void checkHost(Context ctx) {
    String host = ctx.header("Host");
    if (host == null
        || !hostAllowed(host.strip().toLowerCase(Locale.ROOT), ctx.req().getLocalPort())) {
      throw new ApiException(
          403,
          "forbidden-host",
          "this server does not answer to host '"
              + Params.shown(host == null ? "" : host)
              + "' (add the name to REZ_API_ALLOWED_HOSTS when it is yours)");
    }
  }

  /**
   * @param host a {@code Host} header value, lower case: {@code name}, {@code name:port}, {@code
   *     [v6]:port}
   * @param port the port the request came in on
   */
  boolean hostAllowed(String host, int port) {
    String name;
    String portPart = null;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end < 0) return false;
      name = host.substring(1, end);
      if (end + 1 < host.length()) {
        if (host.charAt(end + 1) != ':') return false;
        portPart = host.substring(end + 2);
      }
    } else {
      int colon = host.indexOf(':');
      name = colon < 0 ? host : host.substring(0, colon);
      if (colon >= 0) portPart = host.substring(colon + 1);
    }
    if (name.isEmpty()) return false;
    if (names.contains(name) || (portPart != null && names.contains(name + ":" + portPart)))
      return true;
    // A rebinding page always comes with a DNS name of its own, so IP literals and localhost are
    // safe. On a
    // wildcard bind (a container) any port is accepted: a published port may differ from the one
    // listened on.
    if (wildcard) return ipLiteral(name) || name.equals("localhost");
    // Otherwise a name of ours is the bound address, or localhost on a loopback bind, with our own
    // port.
    boolean ours = name.equals(boundHost) || (loopback && dev.rez.core.Hosts.isLoopback(name));
    if (!ours) return false;
    if (portPart == null) return port == 80;
    return portPart.equals(Integer.toString(port));
  }

  private static void checkOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    String source = origin;
    String what = "Origin";
    if (origin == null) {
      source = ctx.header("Referer");
      what = "Referer";
    }
    if (source != null && !sameOrigin(source, ctx.header("Host"))) {
      throw new ApiException(
          403,
          "forbidden-origin",
          "cross-site request refused: "
              + what
              + " '"
              + Params.shown(source)
              + "' is not this server");
    }
  }

  private static void checkBody(Context ctx) {
    String length = ctx.header("Content-Length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        n = Long.MAX_VALUE;
      }
      if (n > MAX_BODY)
        throw new ApiException(
            413, "too-large", "a request body may have at most " + MAX_BODY + " bytes");
    } else if (ctx.header("Transfer-Encoding") != null) {
      throw new ApiException(411, "length-required", "send Content-Length with a request body");
    }
    String type = ctx.header("Content-Type");
    if (type == null || !JSON_TYPE.matcher(type.strip()).matches()) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "state-changing requests must be sent with Content-Type: application/json");
    }
  }

  /**
   * Whether {@code url} (an Origin or a Referer) has the scheme http/https and the request's own
   * host and port.
   */
  private static boolean sameOrigin(String url, String host) {
    if (host == null) return false;
    URI u;
    try {
      u = new URI(url.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = u.getScheme();
    if (scheme == null || u.getRawAuthority() == null) return false; // "null", opaque origins
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) return false;
    String authority = u.getRawAuthority().toLowerCase(Locale.ROOT);
    if (authority.contains("@")) return false;
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (authority.equals(h)) return true;
    // A default port is left out of Origin but may be in Host (and the other way round).
    String dflt = scheme.equals("https") ? ":443" : ":80";
    return (authority + dflt).equals(h) || authority.equals(h + dflt);
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean ipLiteral(String name) {
    return name.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        || (name.contains(":") && name.matches("[0-9a-f:.]+"));
  }

  /**
   * A token bucket: {@code burst} requests at once, then one more every {@code refill}. Threadsafe.
   */
  static final class RateLimit {
    private final int burst;
    private final long refillMillis;
    private final Clock clock;
    private double tokens;
    private long last;

    RateLimit(int burst, java.time.Duration refill, Clock clock) {
      if (burst < 1) throw new IllegalArgumentException("burst must be >= 1 but was " + burst);
      this.burst = burst;
      this.refillMillis = Math.max(1, refill.toMillis());
      this.clock = clock;
      this.tokens = burst;
      this.last = clock.millis();
    }

    /** Takes a token: 0 when one was free, else the whole seconds until one is. */
    synchronized long tryAcquire() {
      long now = clock.millis();
      tokens = Math.min(burst, tokens + (double) Math.max(0, now - last) / refillMillis);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) * refillMillis / 1000.0));
    }
  }
}
