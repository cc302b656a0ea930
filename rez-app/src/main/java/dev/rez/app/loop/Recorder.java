package dev.rez.app.loop;

import dev.rez.agent.AgentResult;
import dev.rez.agent.ContextPayload;
import dev.rez.agent.ModelRole;
import dev.rez.agent.TranscriptEntry;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.TriggerOrder;
import dev.rez.json.Json;
import dev.rez.json.RawJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the loop's diary events in the shapes of the API contract. Internal. */
final class Recorder {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);

  private final Diary diary;
  private final Clock clock;

  Recorder(Diary diary, Clock clock) {
    this.diary = diary;
    this.clock = clock;
  }

  Diary diary() {
    return diary;
  }

  void event(long cycle, String type, Asset asset, Map<String, Object> data) {
    diary.append(new DiaryEvent(clock.instant(), cycle, type, asset, Json.write(data)));
  }

  void error(long cycle, Asset asset, String where, Throwable t) {
    String message =
        t.getMessage() == null
            ? t.getClass().getSimpleName()
            : t.getClass().getSimpleName() + ": " + t.getMessage();
    error(cycle, asset, where, message);
  }

  void error(long cycle, Asset asset, String where, String message) {
    log.warn("cycle {} {}{}: {}", cycle, where, asset == null ? "" : " " + asset, message);
    event(cycle, "error", asset, Json.obj("where", where, "message", message));
  }

  void protection(long cycle, Asset asset, String action, String detail) {
    log.info("cycle {} {} protection: {} ({})", cycle, asset, action, detail);
    event(cycle, "protection", asset, Json.obj("action", action, "detail", detail));
  }

  /**
   * Forces the diary to the disk; never throws: a failure is logged and the diary says so in its
   * health.
   *
   * @return true when every event recorded so far is durable
   */
  boolean flush() {
    try {
      diary.flush();
      return true;
    } catch (java.io.UncheckedIOException e) {
      log.warn("the diary could not be flushed: {}", e.getMessage());
      return false;
    }
  }

  /** Why the diary cannot record for sure (a write failure, a full disk), or null when it can. */
  String diaryFault() {
    return diary.fault();
  }

  /**
   * Writes how a decision was reached: the context it was made on, the prompt, each turn's
   * reasoning and model answer, each tool call. Not its decisions: the loop records each as a
   * {@code decision} with its own {@code risk-verdict}. A turn's thinking and text make one {@code
   * reasoning} text; a corrective instruction from the agent is a {@code reasoning} too, marked as
   * such.
   */
  void transcript(long cycle, AgentResult result) {
    ContextPayload context = result.context();
    if (context != null) {
      Object version = 1;
      Object payload;
      if (!context.json().contains("\"version\"") && !context.json().contains("\\u")) {
        // No key can spell "version": the payload (a JSON object, checked when it was made) is
        // written as it is.
        payload = RawJson.of(context.json());
      } else {
        try {
          Map<String, Object> parsed = Json.parseObject(context.json());
          if (parsed.get("version") != null) version = parsed.get("version");
          payload = RawJson.of(context.json());
        } catch (IllegalArgumentException e) {
          payload = context.json();
        }
      }
      event(cycle, "context", null, Json.obj("version", version, "payload", payload));
    }
    TranscriptEntry.SystemPrompt system = null;
    String user = null;
    boolean prompted = false;
    for (TranscriptEntry e : result.transcript().entries()) {
      if (e instanceof TranscriptEntry.SystemPrompt s) {
        system = s;
        continue;
      }
      if (e instanceof TranscriptEntry.UserMessage u && user == null) {
        user = u.text();
        continue;
      }
      if (!prompted && (system != null || user != null)) {
        prompt(cycle, system, user);
        prompted = true;
      }
      switch (e) {
        case TranscriptEntry.UserMessage u ->
            event(
                cycle,
                "reasoning",
                null,
                Json.obj("step", u.step(), "text", "[instruction to the model] " + u.text()));
        case TranscriptEntry.AssistantTurn t -> {
          String text =
              t.thinking().isEmpty()
                  ? t.text()
                  : (t.thinking() + (t.text().isEmpty() ? "" : "\n\n" + t.text()));
          if (!text.isBlank())
            event(cycle, "reasoning", null, Json.obj("step", t.step(), "text", text));
          // Every answer whose request is known can be replayed, the repair model's too (marked,
          // so that a replay plays it as the repair model's).
          if (!t.requestHash().isEmpty()) {
            Map<String, Object> answer =
                Json.obj(
                    "step",
                    t.step(),
                    "requestHash",
                    t.requestHash(),
                    "text",
                    t.text(),
                    "thinking",
                    t.thinking(),
                    "tools",
                    t.toolCalls(),
                    "arguments",
                    t.toolArguments(),
                    "inputTokens",
                    t.tokens().input(),
                    "outputTokens",
                    t.tokens().output());
            if (t.role() == ModelRole.REPAIR) answer.put("model", "repair");
            event(cycle, "model-answer", null, answer);
          }
        }
        case TranscriptEntry.ToolCall c -> {
          Object args;
          try {
            // JSON as the model wrote it, when the diary's readers can read it back (the parser's
            // limits on numbers and nesting hold); else the text, as a string.
            Json.parse(c.arguments());
            args = RawJson.of(c.arguments());
          } catch (RuntimeException notJson) {
            args = c.arguments();
          }
          event(
              cycle,
              "tool-call",
              null,
              Json.obj(
                  "step",
                  c.step(),
                  "tool",
                  c.tool(),
                  "arguments",
                  args,
                  "result",
                  c.error() ? null : c.result(),
                  "error",
                  c.error() ? c.result() : null,
                  "durationMs",
                  c.duration().toMillis()));
        }
        default -> {
          // Proposals become the loop's own decision and risk-verdict events; problems its error
          // event.
        }
      }
    }
    if (!prompted && (system != null || user != null)) prompt(cycle, system, user);
  }

  /** The last system prompt recorded, and its JSON string: the prompt rarely changes. */
  private String systemText;

  private RawJson systemJson;

  private RawJson systemJson(String text) {
    if (!text.equals(systemText)) {
      systemJson = RawJson.of(Json.quote(text));
      systemText = text;
    }
    return systemJson;
  }

  private void prompt(long cycle, TranscriptEntry.SystemPrompt system, String user) {
    event(
        cycle,
        "prompt",
        null,
        Json.obj(
            "version",
            system == null ? null : system.version(),
            "system",
            system == null ? null : systemJson(system.text()),
            "user",
            user));
  }

  static Map<String, Object> order(OrderRequest o) {
    return Json.obj(
        "asset",
        o.asset().name(),
        "side",
        o.side(),
        "size",
        o.size(),
        "limitPrice",
        o.limitPrice(),
        "timeInForce",
        o.timeInForce().name(),
        "reduceOnly",
        o.reduceOnly(),
        "cloid",
        o.cloid().hex());
  }

  static Map<String, Object> trigger(TriggerOrder t) {
    return Json.obj(
        "asset",
        t.asset().name(),
        "side",
        t.side(),
        "size",
        t.size(),
        "trigger",
        Executor.kindId(t.kind()),
        "triggerPrice",
        t.triggerPrice(),
        "market",
        t.market(),
        "limitPrice",
        t.limitPrice(),
        "reduceOnly",
        true,
        "cloid",
        t.cloid().hex());
  }

  static List<Object> triggers(List<TriggerOrder> ts) {
    List<Object> out = new ArrayList<>();
    for (TriggerOrder t : ts) out.add(trigger(t));
    return out;
  }

  static List<Object> results(List<OrderResult> rs) {
    List<Object> out = new ArrayList<>();
    for (OrderResult r : rs) {
      String cloid = r.cloid() == null ? null : r.cloid().hex();
      out.add(
          switch (r) {
            case OrderResult.Resting x ->
                Json.obj("status", "resting", "orderId", x.orderId(), "cloid", cloid);
            case OrderResult.Filled x ->
                Json.obj(
                    "status",
                    "filled",
                    "orderId",
                    x.orderId(),
                    "totalSize",
                    x.totalSize(),
                    "averagePrice",
                    x.averagePrice(),
                    "cloid",
                    cloid);
            case OrderResult.Rejected x ->
                Json.obj("status", "rejected", "error", x.error(), "cloid", cloid);
            case OrderResult.Waiting x -> Json.obj("status", "waiting", "cloid", cloid);
          });
    }
    return out;
  }
}
