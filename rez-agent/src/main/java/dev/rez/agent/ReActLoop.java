package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rez.core.Asset;
import dev.rez.core.Exchange;
import dev.rez.core.MarketData;
import dev.rez.core.RiskPolicy;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capped reason–act loop: model turn, tool calls, results back, until every asset has an
 * accepted decision, the model stops calling tools, or a limit is hit. It never throws on model
 * misbehaviour. Internal.
 *
 * <p>The token budget ({@link Config#maxTokens}) binds every turn, not only the start of one: a
 * turn is sent only when its expected input fits in what remains, and it asks for at most the rest
 * as output (see {@link #budgetFor}).
 */
final class ReActLoop {
  private static final Logger log = LoggerFactory.getLogger(ReActLoop.class);
  private static final int MAX_TOOL_CALLS_PER_TURN = 16;

  /**
   * Characters per token of the text a turn adds (JSON, numbers, English) for the budget's estimate
   * of a turn's input: tokenizers make about 3 to 4 of such text, so 3 errs towards more.
   */
  private static final int CHARS_PER_TOKEN = 3;

  /**
   * The largest output cap sent to a model whose own is not known: what every chat API accepts (and
   * {@link ModelSettings}' default). A larger one might be refused as more than the model can
   * write.
   */
  private static final int SAFE_OUTPUT_CAP = 4096;

  private static final Pattern TOOLS =
      Pattern.compile("\\b(tool|function)", Pattern.CASE_INSENSITIVE);

  /** Everything the loop needs, fixed when the agent is built. */
  public record Config(
      ChatModel model,
      String modelName,
      ChatModel repairModel,
      Map<String, Tool> tools,
      Map<String, Map<String, Object>> schemas,
      List<ToolSpecification> specifications,
      String systemPrompt,
      String promptVersion,
      String decisionFormat,
      int maxSteps,
      Duration maxWallTime,
      long maxTokens,
      RiskPolicy policy,
      MarketData marketData,
      Exchange exchange,
      Clock clock,
      boolean toolCalling,
      ModelPrice price,
      ModelPrice repairPrice) {}

  private final Config c;
  private final CallState state;
  private final long deadline;
  private final Instant startedAt;
  private final long startNanos;
  private final List<ChatMessage> messages = new ArrayList<>();
  private final CassetteModel.Fingerprint fingerprint = new CassetteModel.Fingerprint();
  private TokenUsage tokens = TokenUsage.ZERO;
  private TokenUsage repairTokens = TokenUsage.ZERO;
  // The main model's last turn and how many messages its request and answer made: the next
  // request's input is at least that turn's input and output, plus what was added since.
  private TokenUsage lastTurn;
  private int lastTurnMessages;
  private boolean nativeTools;
  private String lastText = "";
  private String noDecision = "the model made no decision for this asset";

  private ReActLoop(Config c, ContextPayload context, TranscriptListener listener) {
    this.c = c;
    this.state = new CallState(c, context.assets(), listener);
    this.startNanos = System.nanoTime();
    this.deadline = startNanos + c.maxWallTime().toNanos();
    this.startedAt = c.clock().instant();
    this.nativeTools = c.toolCalling();
  }

  /** Runs one decision, telling {@code listener} (may be null) about each transcript entry. */
  public static AgentResult run(
      Config config, ContextPayload context, TranscriptListener listener) {
    return new ReActLoop(config, context, listener).run(context);
  }

  private AgentResult run(ContextPayload context) {
    String system = nativeTools ? c.systemPrompt() : jsonModePrompt();
    String user = userMessage(context);
    state.record(new TranscriptEntry.SystemPrompt(0, c.promptVersion(), system));
    state.record(new TranscriptEntry.UserMessage(0, user));
    messages.add(SystemMessage.from(system));
    messages.add(UserMessage.from(user));
    String error;
    try {
      error = loop();
    } catch (RuntimeException e) {
      // A failure of the agent's own machinery or of the venue outside a tool: still a HOLD, never
      // a throw.
      log.error("decision failed", e);
      error =
          "the decision failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    if (error != null) {
      log.warn("decision fell back to hold: {}", error);
      state.record(new TranscriptEntry.Problem(state.step, error));
    }
    String missing = error != null ? "no decision: " + error : noDecision;
    List<AgentDecision> decisions = state.decisions(missing);
    for (AgentDecision d : decisions)
      state.record(new TranscriptEntry.FinalDecision(state.step, d));
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    BigDecimal cost = null;
    if (c.price() != null) {
      TokenUsage main =
          new TokenUsage(
              tokens.input() - repairTokens.input(), tokens.output() - repairTokens.output());
      ModelPrice repair = c.repairPrice() == null ? c.price() : c.repairPrice();
      cost = c.price().cost(main).add(repair.cost(repairTokens));
    }
    Transcript transcript =
        new Transcript(startedAt, took, c.modelName(), state.entries(), tokens, cost);
    return new AgentResult(decisions, lastText, error, transcript, context);
  }

  private String jsonModePrompt() {
    return c.systemPrompt() + "\n\nTools are not available. " + c.decisionFormat();
  }

  static String userMessage(ContextPayload context) {
    List<String> names = new ArrayList<>();
    for (Asset a : context.assets()) names.add(a.name());
    return "Context ("
        + context.schema()
        + "):\n"
        + context.json()
        + "\n\nDecide for each of: "
        + String.join(", ", names)
        + ".";
  }

  /** Runs turns until done; returns null on success, else what went wrong. */
  private String loop() {
    boolean corrected = false;
    // Whether the model was told that some of its text decisions were refused and asked to answer
    // again: its next text answer is then read, even with decisions accepted before.
    boolean correctionAsked = false;
    while (true) {
      if (state.step >= c.maxSteps()) {
        if (state.anyAccepted()) {
          state.record(
              new TranscriptEntry.Problem(
                  state.step, "stopped after the maximum of " + c.maxSteps() + " model turns"));
          return state.allDecided()
              ? null
              : "the model used all "
                  + c.maxSteps()
                  + " turns without deciding for "
                  + state.undecided();
        }
        return "the model used all " + c.maxSteps() + " turns without a decision";
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0)
        return "the decision exceeded its wall time of " + c.maxWallTime().toSeconds() + " s";
      ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
      if (nativeTools) builder.toolSpecifications(c.specifications());
      String spent = budgetFor(builder, c.model(), expectedInput());
      if (spent != null) return spent;
      state.step++;
      int step = state.step;
      ChatRequest request = builder.build();
      long t0 = System.nanoTime();
      ChatResponse response;
      try {
        response =
            inMemory(c.model())
                ? c.model().chat(request)
                : withDeadline(() -> c.model().chat(request), remaining);
      } catch (TimeoutException e) {
        return "the model did not answer within the remaining wall time ("
            + TimeUnit.NANOSECONDS.toMillis(remaining)
            + " ms of "
            + c.maxWallTime().toSeconds()
            + " s)";
      } catch (Exception e) {
        if (nativeTools && step == 1 && Lc4j.badRequest(e) && aboutTools(e)) {
          // Some providers and local servers refuse tool definitions: ask for the JSON decision
          // format instead. A request refused for another reason (an unsupported parameter)
          // would be refused again.
          nativeTools = false;
          state.record(
              new TranscriptEntry.Problem(
                  step,
                  "the provider refused the request with tools ("
                      + Lc4j.describe(e)
                      + "); retrying without tools, asking for the JSON decision format"));
          String system = jsonModePrompt();
          messages.set(0, SystemMessage.from(system));
          state.record(new TranscriptEntry.SystemPrompt(step, c.promptVersion(), system));
          continue;
        }
        return "the model call failed: " + Lc4j.describe(e);
      }
      if (CassetteModel.nothingRecorded(response)) {
        // A lenient replay asked again where the recording had stopped: the decision ends as the
        // recorded one did, without a made-up turn.
        noDecision = "the recording holds no answer for this decision's turn";
        state.record(
            new TranscriptEntry.Problem(
                step, "the recording holds no answer for turn " + step + ": the decision ends"));
        return null;
      }
      Duration latency = Duration.ofNanos(System.nanoTime() - t0);
      boolean answersCorrection = correctionAsked;
      correctionAsked = false;
      TokenUsage used = usage(response);
      tokens = tokens.plus(used);
      lastTurn = used;
      AiMessage ai = response == null ? null : response.aiMessage();
      String text = ai == null || ai.text() == null ? "" : ai.text();
      List<ToolExecutionRequest> calls =
          ai == null || !ai.hasToolExecutionRequests() ? List.of() : ai.toolExecutionRequests();
      List<String> names = new ArrayList<>();
      List<String> arguments = new ArrayList<>();
      for (ToolExecutionRequest r : calls) {
        names.add(String.valueOf(r.name()));
        arguments.add(r.arguments() == null ? "" : r.arguments());
      }
      String thinking = ai == null || ai.thinking() == null ? "" : ai.thinking();
      state.record(
          new TranscriptEntry.AssistantTurn(
              step,
              text,
              thinking,
              names,
              used,
              latency,
              fingerprint.of(request),
              arguments,
              ModelRole.MAIN));
      if (!text.isBlank()) lastText = text;

      if (!calls.isEmpty()) {
        // Every call needs an id that its result can point to; some servers leave it out.
        List<ToolExecutionRequest> withIds = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
          ToolExecutionRequest r = calls.get(i);
          withIds.add(
              r.id() == null || r.id().isBlank()
                  ? r.toBuilder().id("call-" + step + "-" + i).build()
                  : r);
        }
        messages.add(
            withIds.equals(calls)
                ? ai
                : text.isEmpty() ? AiMessage.from(withIds) : AiMessage.from(text, withIds));
        lastTurnMessages = messages.size();
        calls = withIds;
        for (int i = 0; i < calls.size(); i++) {
          ToolExecutionRequest r = calls.get(i);
          String id = r.id();
          ToolResult result =
              i < MAX_TOOL_CALLS_PER_TURN
                  ? execute(step, id, r.name(), r.arguments())
                  : record(
                      step,
                      id,
                      r.name(),
                      r.arguments(),
                      ToolResult.error(
                          "too many tool calls in one turn (at most "
                              + MAX_TOOL_CALLS_PER_TURN
                              + ")"),
                      0);
          messages.add(
              ToolExecutionResultMessage.from(id, String.valueOf(r.name()), result.text()));
        }
        if (state.allDecided()) return null;
        continue;
      }

      // A text answer: the model thinks it is done, or it answered in text instead of calling
      // tools.
      if (!text.isBlank()) messages.add(AiMessage.from(text));
      lastTurnMessages = messages.size();
      if (state.anyAccepted() && !answersCorrection)
        return state.allDecided() ? null : missingFor(step);
      // A corrected answer goes through the action tools like the first: a decision accepted now
      // replaces the one accepted before for its asset, as a later tool call would.
      TextDecisions.Parsed parsed = TextDecisions.parse(text, this::equity);
      if (parsed.ok()) {
        String feedback = apply(step, parsed);
        if (state.allDecided()) return null;
        if (feedback != null) {
          say(step, feedback);
          correctionAsked = true;
          continue;
        }
        return missingFor(step);
      }
      if (state.anyAccepted()) {
        state.record(
            new TranscriptEntry.Problem(
                step,
                "the corrected answer held no decision ("
                    + parsed.error()
                    + "); the decisions accepted before stand"));
        return state.allDecided() ? null : missingFor(step);
      }
      if (!corrected) {
        corrected = true;
        say(
            step,
            "Your answer contained no decision ("
                + parsed.error()
                + "). "
                + (nativeTools
                    ? "Call the action tools (open_long, open_short, close_position, move_protection, hold) for every asset, "
                        + "or answer with the JSON format below.\n\n"
                    : "Answer with the JSON format below.\n\n")
                + c.decisionFormat());
        continue;
      }
      if (c.repairModel() != null) {
        TextDecisions.Parsed repaired = repair(text);
        if (repaired != null && repaired.ok()) {
          apply(state.step, repaired);
          if (state.allDecided()) return null;
          if (state.anyAccepted()) return missingFor(state.step);
        }
      }
      return "the model's answer held no decision: " + parsed.error();
    }
  }

  /**
   * Fits the next turn into the token budget: returns why it is not sent when the input the loop
   * expects ({@code expectedInput}) does not fit in what remains, else caps the turn's output at
   * the rest when that is below what the model would write anyway (its configured maximum, or
   * {@link #SAFE_OUTPUT_CAP} when that is not known) and returns null.
   *
   * <p>What this guarantees: a decision's tokens exceed its budget at most by how much the
   * provider's count of a turn's new input exceeds the estimate ({@link #expectedInput}), and by
   * nothing when the estimate holds and the model keeps to its output cap. A model whose maximum
   * cannot be read here (its {@code defaultRequestParameters()} do not say it) gets no cap while
   * the rest is {@link #SAFE_OUTPUT_CAP} or more, so it may write past the rest by what its
   * provider lets it write beyond that.
   */
  private String budgetFor(ChatRequest.Builder request, ChatModel model, long expectedInput) {
    long remaining = c.maxTokens() - tokens.total();
    if (remaining <= 0)
      return "the token budget of "
          + c.maxTokens()
          + " per decision is spent ("
          + tokens.total()
          + " used)";
    if (expectedInput >= remaining)
      return "the token budget of "
          + c.maxTokens()
          + " per decision cannot hold the next turn: its input alone is about "
          + expectedInput
          + " tokens and "
          + remaining
          + " remain ("
          + tokens.total()
          + " used)";
    long cap = remaining - expectedInput;
    Integer configured =
        model.defaultRequestParameters() == null
            ? null
            : model.defaultRequestParameters().maxOutputTokens();
    if (cap < (configured != null ? configured : SAFE_OUTPUT_CAP))
      request.maxOutputTokens((int) cap);
    return null;
  }

  /**
   * The input tokens the main model's next request is expected to cost: the last turn's input and
   * output (the conversation only grows) plus the messages added since at {@link #CHARS_PER_TOKEN};
   * before any turn, the whole request (messages and tool definitions) at that rate.
   */
  private long expectedInput() {
    long chars = 0;
    if (lastTurn == null) {
      for (ChatMessage m : messages) chars += chars(m);
      if (nativeTools)
        for (ToolSpecification t : c.specifications())
          chars +=
              t.name().length()
                  + (t.description() == null ? 0 : t.description().length())
                  + String.valueOf(t.parameters()).length();
    } else {
      for (int i = Math.min(lastTurnMessages, messages.size()); i < messages.size(); i++)
        chars += chars(messages.get(i));
    }
    long estimate = (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    return lastTurn == null ? estimate : lastTurn.total() + estimate;
  }

  private static long chars(ChatMessage m) {
    return switch (m) {
      case SystemMessage x -> x.text().length();
      case UserMessage x ->
          x.hasSingleText() ? x.singleText().length() : x.contents().toString().length();
      case ToolExecutionResultMessage x ->
          String.valueOf(x.toolName()).length() + String.valueOf(x.text()).length();
      case AiMessage x -> {
        long n = x.text() == null ? 0 : x.text().length();
        if (x.hasToolExecutionRequests())
          for (ToolExecutionRequest r : x.toolExecutionRequests())
            n += String.valueOf(r.name()).length() + String.valueOf(r.arguments()).length();
        yield n;
      }
      default -> String.valueOf(m).length();
    };
  }

  /**
   * Whether a provider's refusal is about the tools offered: its message names tools or functions,
   * as in "gemma3:4b does not support tools", "No endpoints found that support tool use", "\"auto\"
   * tool choice requires --enable-auto-tool-choice" or "does not support Function Calling".
   */
  private static boolean aboutTools(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause())
      if (t.getMessage() != null && TOOLS.matcher(t.getMessage()).find()) return true;
    return false;
  }

  private BigDecimal equity() {
    try {
      return state.account().equity();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the account's equity could not be read to size a percentage: " + e.getMessage(), e);
    }
  }

  private String missingFor(int step) {
    List<Asset> undecided = state.undecided();
    state.record(new TranscriptEntry.Problem(step, "no accepted decision for " + undecided));
    return null;
  }

  /**
   * Runs text decisions through the action tools; returns feedback for the model when some were
   * refused.
   */
  private String apply(int step, TextDecisions.Parsed parsed) {
    StringBuilder errors = new StringBuilder();
    for (int i = 0; i < parsed.calls().size(); i++) {
      TextDecisions.Call call = parsed.calls().get(i);
      ToolResult r =
          execute(step, "text-" + step + "-" + i, call.tool(), Json.write(call.arguments()));
      if (r.isError())
        errors
            .append("\n- ")
            .append(call.tool())
            .append(' ')
            .append(call.arguments().get("asset"))
            .append(": ")
            .append(((ToolResult.Failure) r).message());
    }
    if (errors.isEmpty()) return null;
    return "Some decisions were not accepted:"
        + errors
        + "\nCorrect them (or hold) and answer again."
        + (nativeTools ? "" : "\n\n" + c.decisionFormat());
  }

  /**
   * Asks the repair model to reshape {@code text}, in a turn of its own (the next step) that the
   * token budget binds as the main model's; returns its answer parsed, or null when it was not
   * asked or failed.
   */
  private TextDecisions.Parsed repair(String text) {
    String instruction =
        "Reshape the trading answer below into the JSON format described, without changing its intent: same assets, "
            + "same actions, same numbers. Answer with the JSON object only.\n\n"
            + c.decisionFormat()
            + "\n\nAnswer to reshape:\n"
            + text;
    ChatRequest.Builder builder =
        ChatRequest.builder().messages(List.of(UserMessage.from(instruction)));
    String spent =
        budgetFor(
            builder,
            c.repairModel(),
            (instruction.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    if (spent != null) {
      state.record(
          new TranscriptEntry.Problem(state.step, "the repair model was not asked: " + spent));
      return null;
    }
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) return null;
    state.step++;
    int step = state.step;
    ChatRequest request = builder.build();
    state.record(new TranscriptEntry.UserMessage(step, "[repair model] " + instruction));
    long t0 = System.nanoTime();
    try {
      ChatResponse r =
          inMemory(c.repairModel())
              ? c.repairModel().chat(request)
              : withDeadline(() -> c.repairModel().chat(request), remaining);
      if (CassetteModel.nothingRecorded(r)) {
        // A replay of a decision whose repair model was not asked or failed: it ends as it did.
        state.record(
            new TranscriptEntry.Problem(
                step, "the recording holds no answer of the repair model for turn " + step));
        return null;
      }
      TokenUsage used = usage(r);
      tokens = tokens.plus(used);
      repairTokens = repairTokens.plus(used);
      AiMessage ai = r == null ? null : r.aiMessage();
      String out = ai == null || ai.text() == null ? "" : ai.text();
      String thinking = ai == null || ai.thinking() == null ? "" : ai.thinking();
      state.record(
          new TranscriptEntry.AssistantTurn(
              step,
              out,
              thinking,
              List.of(),
              used,
              Duration.ofNanos(System.nanoTime() - t0),
              CassetteModel.hash(request),
              List.of(),
              ModelRole.REPAIR));
      TextDecisions.Parsed parsed = TextDecisions.parse(out, this::equity);
      if (!parsed.ok())
        state.record(
            new TranscriptEntry.Problem(
                step, "the repair model's answer held no decision: " + parsed.error()));
      return parsed;
    } catch (Exception e) {
      state.record(
          new TranscriptEntry.Problem(step, "the repair model failed: " + Lc4j.describe(e)));
      return null;
    }
  }

  private void say(int step, String text) {
    messages.add(UserMessage.from(text));
    state.record(new TranscriptEntry.UserMessage(step, text));
  }

  private ToolResult execute(int step, String id, String name, String arguments) {
    long t0 = System.nanoTime();
    String args = arguments == null ? "" : arguments;
    Tool tool = name == null ? null : c.tools().get(name);
    if (tool == null) {
      return record(
          step,
          id,
          name,
          args,
          ToolResult.error("unknown tool '" + name + "'; the tools are " + c.tools().keySet()),
          t0);
    }
    ToolArguments parsed;
    try {
      parsed = ToolArguments.parse(args);
    } catch (IllegalArgumentException e) {
      return record(
          step,
          id,
          name,
          args,
          ToolResult.error(
              "the arguments of " + name + " are not a JSON object: " + e.getMessage()),
          t0);
    }
    List<String> problems = Schema.validate(c.schemas().get(name), parsed.asMap());
    if (!problems.isEmpty()) {
      return record(
          step,
          id,
          name,
          args,
          ToolResult.error("invalid arguments for " + name + ": " + String.join("; ", problems)),
          t0);
    }
    long remaining = deadline - System.nanoTime();
    ToolResult result;
    try {
      result =
          inMemory(c.model())
              ? tool.execute(parsed, state)
              : withDeadline(() -> tool.execute(parsed, state), Math.max(remaining, 1));
      if (result == null) result = ToolResult.error("tool " + name + " returned no result");
    } catch (TimeoutException e) {
      result = ToolResult.error("tool " + name + " did not finish within the decision's wall time");
    } catch (ToolException | IllegalArgumentException e) {
      result =
          ToolResult.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (Exception e) {
      log.warn("tool {} failed", name, e);
      result =
          ToolResult.error(
              "tool "
                  + name
                  + " failed: "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    return record(step, id, name, args, result, t0);
  }

  private ToolResult record(
      int step, String id, String name, String args, ToolResult result, long t0) {
    Duration took = t0 == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - t0);
    state.record(
        new TranscriptEntry.ToolCall(
            step, id, String.valueOf(name), args, result.text(), result.isError(), took));
    return result;
  }

  private static TokenUsage usage(ChatResponse r) {
    if (r == null || r.tokenUsage() == null) return TokenUsage.ZERO;
    Integer in = r.tokenUsage().inputTokenCount();
    Integer out = r.tokenUsage().outputTokenCount();
    return new TokenUsage(in == null ? 0 : in, out == null ? 0 : out);
  }

  /**
   * Whether {@code model} answers from memory (the offline model, a cassette): it cannot hang, so
   * it and the tools it calls run on this thread instead of one the deadline could abandon, and a
   * turn or a tool call costs no hand-off between threads. A hosted model's turns and tool calls
   * keep the deadline.
   */
  private static boolean inMemory(ChatModel model) {
    return model instanceof OfflineModel
        || model instanceof CassetteModel
        || model instanceof CassetteModel.Repair;
  }

  /**
   * Runs {@code task} on a virtual thread, waiting at most {@code nanos}; interrupts it when time
   * runs out.
   */
  private static <T> T withDeadline(Callable<T> task, long nanos) throws Exception {
    CompletableFuture<T> future = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .name("rez-agent-call")
            .start(
                () -> {
                  try {
                    future.complete(task.call());
                  } catch (Throwable t) {
                    future.completeExceptionally(t);
                  }
                });
    try {
      return future.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) throw ex;
      if (cause instanceof Error err) throw err;
      throw e;
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while waiting for the model");
    }
  }
}
