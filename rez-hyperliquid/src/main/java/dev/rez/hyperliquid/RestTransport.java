package dev.rez.hyperliquid;

import dev.rez.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON to {@code /info} and {@code /exchange}. HTTP 429 and 5xx are retried with exponential
 * backoff and jitter, resending the identical bytes: info requests are reads, and a signed action
 * carries its nonce, so the exchange rejects a second copy as a duplicate. I/O failures are retried
 * for info requests only. Internal.
 */
final class RestTransport {
  private static final Logger LOG = LoggerFactory.getLogger(RestTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl infoUrl;
  private final HttpUrl exchangeUrl;
  private final int maxRetries;
  private final Duration backoff;
  private final ClientListener listener;

  RestTransport(
      OkHttpClient http,
      HttpUrl baseUrl,
      int maxRetries,
      Duration backoff,
      ClientListener listener) {
    this.http = http;
    this.infoUrl = baseUrl.newBuilder().addPathSegment("info").build();
    this.exchangeUrl = baseUrl.newBuilder().addPathSegment("exchange").build();
    this.maxRetries = maxRetries;
    this.backoff = backoff;
    this.listener = listener;
  }

  Object info(Map<String, Object> body) {
    return post(infoUrl, Json.write(body), true, String.valueOf(body.get("type")));
  }

  Object exchange(String signedBody, String actionType) {
    return post(exchangeUrl, signedBody, false, actionType);
  }

  private Object post(HttpUrl url, String body, boolean retryIo, String what) {
    Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
    HyperliquidException.Transport last = null;
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        long delay = delay(attempt);
        notifyRetry(what, last, attempt, delay);
        sleep(delay, last);
      }
      try (Response response = http.newCall(request).execute()) {
        int code = response.code();
        String text = response.body().string();
        LOG.debug("POST {} {} attempt {} -> HTTP {}", url.encodedPath(), what, attempt + 1, code);
        if (code == 429 || code >= 500) {
          last =
              new HyperliquidException.Transport(
                  what + ": HTTP " + code + (text.isBlank() ? "" : ": " + snippet(text)),
                  code,
                  null);
          continue;
        }
        if (code >= 400) throw new HyperliquidException.Rejected(errorText(text, code), code);
        try {
          return Json.parse(text);
        } catch (IllegalArgumentException e) {
          throw new HyperliquidException.Malformed(
              what + ": response is not JSON: " + snippet(text), e);
        }
      } catch (IOException e) {
        last =
            new HyperliquidException.Transport(
                what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), 0, e);
        if (!retryIo) throw last;
      }
    }
    throw last;
  }

  private long delay(int attempt) {
    long base = backoff.toMillis() << Math.min(attempt - 1, 10);
    return base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  private void notifyRetry(
      String what, HyperliquidException.Transport failed, int failedAttempt, long delay) {
    String failure =
        failed.getMessage().startsWith(what + ": ")
            ? failed.getMessage().substring(what.length() + 2)
            : failed.getMessage();
    try {
      listener.retried(
          new ClientListener.Retry(
              what,
              failed.httpStatus(),
              failure,
              failedAttempt,
              maxRetries + 1,
              Duration.ofMillis(delay)));
    } catch (RuntimeException e) {
      LOG.warn("client listener failed on a retry of {}: {}", what, e.toString());
    }
  }

  private void sleep(long delay, HyperliquidException.Transport cause) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause != null ? cause : new HyperliquidException.Transport("interrupted", 0, e);
    }
  }

  /** The exchange's text: {@code msg} of a {@code {code,msg,data}} body, else the plain body. */
  private static String errorText(String text, int code) {
    try {
      if (Json.parse(text) instanceof Map<?, ?> m && m.get("msg") instanceof String msg) return msg;
    } catch (IllegalArgumentException notJson) {
      // plain-text error, e.g. HTTP 422 deserialisation messages
    }
    return text.isBlank() ? "HTTP " + code : snippet(text);
  }

  private static String snippet(String text) {
    String t = text.strip();
    return t.length() > 500 ? t.substring(0, 500) + "…" : t;
  }
}
