package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.loop.KillSwitch;
import dev.rez.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookCommandsTest {
  static final String SECRET = "cmd-secret-4f9a1c";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final HttpClient client = HttpClient.newHttpClient();
  final RecordingControl control = new RecordingControl();
  @TempDir Path dir;
  WebhookCommands commands;

  @BeforeEach
  void start() {
    commands = open();
  }

  WebhookCommands open() {
    return new WebhookCommands(
            "127.0.0.1",
            0,
            SECRET,
            control,
            Clock.fixed(NOW, ZoneOffset.UTC),
            dir.resolve("nonces.json"))
        .start();
  }

  @AfterEach
  void stop() {
    commands.close();
  }

  record Resp(int status, Map<String, Object> json) {}

  Resp post(WebhookCommands to, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + "/command"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    b.header("Content-Type", "application/json");
    headers.forEach(b::setHeader);
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Resp(r.statusCode(), Json.parseObject(r.body()));
  }

  static Map<String, String> signed(String body, long ts, String nonce, String secret) {
    return Map.of(
        "X-Rez-Timestamp",
        Long.toString(ts),
        "X-Rez-Nonce",
        nonce,
        "X-Rez-Signature",
        Hmac.sign(secret, ts + "." + nonce + "." + body));
  }

  static String code(Resp r) {
    return (String) ((Map<?, ?>) r.json().get("error")).get("code");
  }

  @Test
  void aSignedStopEntriesSetsTheKillSwitchNamingTheChannel() throws Exception {
    String body = "{\"command\":\"stop-entries\"}";
    Resp r = post(commands, body, signed(body, NOW.getEpochSecond(), "nonce-0001", SECRET));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).containsEntry("ok", true).containsEntry("command", "stop-entries");
    assertThat((String) r.json().get("status")).contains("stop-entries");
    assertThat(control.calls)
        .containsExactly(new RecordingControl.Call(KillSwitch.Level.STOP_ENTRIES, "webhook"));
  }

  @Test
  void statusAnswersWithoutChangingAnything() throws Exception {
    String body = "{\"command\":\"status\"}";
    Resp r = post(commands, body, signed(body, NOW.getEpochSecond(), "nonce-0002", SECRET));
    assertThat(r.status()).isEqualTo(200);
    assertThat((String) r.json().get("status")).startsWith("loop active");
    assertThat(control.calls).isEmpty();
  }

  @Test
  void unsignedWronglySignedStaleAndReplayedCommandsAreRefused() throws Exception {
    String body = "{\"command\":\"flatten\"}";
    assertThat(code(post(commands, body, Map.of()))).isEqualTo("unsigned");
    assertThat(
            code(
                post(
                    commands,
                    body,
                    signed(body, NOW.getEpochSecond(), "nonce-0003", "another-secret"))))
        .isEqualTo("bad-signature");
    // A signature over another body does not carry over.
    Map<String, String> forStatus =
        signed("{\"command\":\"status\"}", NOW.getEpochSecond(), "nonce-0004", SECRET);
    assertThat(code(post(commands, body, forStatus))).isEqualTo("bad-signature");
    Resp stale =
        post(
            commands,
            body,
            signed(body, NOW.minusSeconds(301).getEpochSecond(), "nonce-0005", SECRET));
    assertThat(stale.status()).isEqualTo(401);
    assertThat(code(stale)).isEqualTo("stale");
    assertThat(
            code(
                post(
                    commands,
                    body,
                    signed(body, NOW.plusSeconds(301).getEpochSecond(), "nonce-0006", SECRET))))
        .isEqualTo("stale");

    Map<String, String> once = signed(body, NOW.getEpochSecond(), "nonce-0007", SECRET);
    assertThat(post(commands, body, once).status()).isEqualTo(200);
    Resp replay = post(commands, body, once);
    assertThat(replay.status()).isEqualTo(409);
    assertThat(code(replay)).isEqualTo("replayed");
    // Also after a restart.
    commands.close();
    commands = open();
    assertThat(code(post(commands, body, once))).isEqualTo("replayed");
    assertThat(control.calls)
        .containsExactly(new RecordingControl.Call(KillSwitch.Level.FLATTEN, "webhook"));
  }

  @Test
  void browsersAndNonJsonBodiesAreRefused() throws Exception {
    String body = "{\"command\":\"resume\"}";
    Map<String, String> h =
        new java.util.HashMap<>(signed(body, NOW.getEpochSecond(), "nonce-0008", SECRET));
    h.put("Origin", "https://evil.example");
    assertThat(post(commands, body, h).status()).isEqualTo(403);
    Map<String, String> plain =
        new java.util.HashMap<>(signed(body, NOW.getEpochSecond(), "nonce-0009", SECRET));
    plain.put("Content-Type", "text/plain");
    assertThat(post(commands, body, plain).status()).isEqualTo(415);
    String unknown = "{\"command\":\"sell-everything\"}";
    Resp bad = post(commands, unknown, signed(unknown, NOW.getEpochSecond(), "nonce-0010", SECRET));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(control.calls).isEmpty();
  }
}
