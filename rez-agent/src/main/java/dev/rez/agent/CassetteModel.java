package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A chat model that answers from a recorded transcript instead of calling a model: replay a
 * decision log (a diary's {@code model-answer} events) without a network or a key, regression-test
 * a real model's recorded behaviour offline, or run the same answers under other risk limits.
 *
 * <p>Answers are keyed by cycle and step (the model turn within the cycle's decision, from 1) and
 * carry the {@link #hash} of the request they answered. In {@link Mode#STRICT} the first request
 * that differs from the recorded one, or that has no recorded answer, fails: the model call throws
 * a {@link MismatchException} naming the cycle and step, and {@link #mismatch()} keeps that first
 * failure. In {@link Mode#LENIENT} (counterfactuals: the same answers under another risk profile,
 * where account and verdicts may differ) the hash is not checked, and where nothing was recorded
 * (the counterfactual asks again where the recording had stopped) the agent's decision ends without
 * an error: what it accepted stands, the other assets hold.
 *
 * <pre>{@code
 * CassetteModel cassette = CassetteModel.of(answers, CassetteModel.Mode.STRICT);
 * Agent agent = Agent.builder().chatModel(cassette).riskPolicy(policy).marketData(md).exchange(ex).build();
 * cassette.cycle(42);                 // the decision that follows is cycle 42's
 * AgentResult r = agent.decide(context);
 * cassette.mismatch().ifPresent(m -> fail(m));
 * }</pre>
 *
 * <p>A recorded decision whose provider refused the tools (its first answer is at step 2, after the
 * agent asked for the JSON format instead) replays the refusal: the request with tools at step 1 is
 * refused again, with the message a provider gives ({@code InvalidRequestException}). A decision
 * the repair model completed replays with {@link #repairModel()} as the agent's repair model.
 *
 * <p>Without a call to {@link #cycle(long)}, each request that starts a decision (no model answer
 * in it yet) moves to the next recorded cycle. This class is threadsafe, but one cassette serves
 * one decision at a time.
 */
public final class CassetteModel implements ChatModel {
  /** How a cassette treats a request that differs from the recorded one. */
  public enum Mode {
    /**
     * Fail on the first request whose hash differs from the recorded one or that has no recorded
     * answer.
     */
    STRICT,
    /** Answer by cycle and step whatever the request; hold where nothing was recorded. */
    LENIENT
  }

  /** A cassette request that differs from the recording ({@link Mode#STRICT}). */
  public static final class MismatchException extends IllegalStateException {
    private final long cycle;

    MismatchException(long cycle, String message) {
      super(message);
      this.cycle = cycle;
    }

    /** The cycle whose request differed. */
    public long cycle() {
      return cycle;
    }
  }

  /**
   * One recorded model answer.
   *
   * @param cycle the loop cycle
   * @param step the model turn within the cycle's decision, from 1
   * @param requestHash the {@link #hash} of the request it answered, empty when not recorded (not
   *     checked then)
   * @param text the answer's text (may be empty)
   * @param thinking the answer's separate thinking (may be empty)
   * @param tools the tools called, in order
   * @param arguments each call's arguments, as written by the model, in the order of {@code tools}
   * @param tokens the tokens the recorded answer used
   * @param role which model gave it: the repair model's answers are played by {@link
   *     #repairModel()}
   */
  public record Answer(
      long cycle,
      int step,
      String requestHash,
      String text,
      String thinking,
      List<String> tools,
      List<String> arguments,
      TokenUsage tokens,
      ModelRole role) {
    /** Checks the components; see the record description. */
    public Answer {
      if (step < 1) throw new IllegalArgumentException("step must be at least 1 but was " + step);
      Objects.requireNonNull(requestHash, "requestHash == null");
      Objects.requireNonNull(text, "text == null");
      Objects.requireNonNull(thinking, "thinking == null");
      tools = List.copyOf(tools);
      arguments = List.copyOf(arguments);
      if (tools.size() != arguments.size())
        throw new IllegalArgumentException(
            arguments.size() + " arguments for " + tools.size() + " tools");
      Objects.requireNonNull(tokens, "tokens == null");
      Objects.requireNonNull(role, "role == null");
    }
  }

  /** The id of the empty answer a lenient cassette gives where nothing was recorded. */
  private static final String NOTHING_RECORDED = "cassette-nothing-recorded";

  private final TreeMap<Long, Map<Integer, Answer>> answers = new TreeMap<>();
  private final Mode mode;
  private long cycle = Long.MIN_VALUE;
  private boolean cycleGiven;
  private int step;
  private int served;
  private String mismatch;
  private final ChatModel repair = new Repair(this);
  // Set when the cassette refused a request with tools as the recorded provider did: the agent's
  // next request starts the decision again, in the same cycle.
  private boolean refused;

  private CassetteModel(List<Answer> list, Mode mode) {
    this.mode = Objects.requireNonNull(mode, "mode == null");
    for (Answer a : list) {
      Answer previous =
          answers.computeIfAbsent(a.cycle(), c -> new TreeMap<>()).putIfAbsent(a.step(), a);
      if (previous != null)
        throw new IllegalArgumentException(
            "two answers for cycle " + a.cycle() + " step " + a.step());
    }
  }

  /**
   * A cassette playing {@code answers}.
   *
   * @throws IllegalArgumentException when two answers have the same cycle and step
   */
  public static CassetteModel of(List<Answer> answers, Mode mode) {
    return new CassetteModel(Objects.requireNonNull(answers, "answers == null"), mode);
  }

  /**
   * Says that the requests that follow belong to {@code cycle}'s decision; its steps count from 1
   * again.
   */
  public synchronized void cycle(long cycle) {
    this.cycle = cycle;
    this.cycleGiven = true;
    this.step = 0;
  }

  /**
   * The first request that differed from the recording (strict mode), naming its cycle and step;
   * empty while none did.
   */
  public synchronized Optional<String> mismatch() {
    return Optional.ofNullable(mismatch);
  }

  /** How many recorded answers were played. */
  public synchronized int served() {
    return served;
  }

  /** How many answers were recorded. */
  public int size() {
    int n = 0;
    for (Map<Integer, Answer> m : answers.values()) n += m.size();
    return n;
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /**
   * The repair model of the recorded decisions: it plays the answers recorded as the repair model's
   * ({@link ModelRole#REPAIR}) at the cycle and step this cassette is at, so that a decision the
   * repair model completed replays as it was made. Give it to {@link Agent.Builder#repairModel}
   * beside the cassette:
   *
   * <pre>{@code
   * Agent.builder().chatModel(cassette).repairModel(cassette.repairModel())…
   * }</pre>
   *
   * <p>Where the recording holds no repair answer for the cycle at all (the recorded run had no
   * repair model, or its call failed), it answers that nothing was recorded and the agent goes on
   * as without a repair model; where the cycle's repair answer is at another step, strict mode
   * fails as for the main model.
   */
  public ChatModel repairModel() {
    return repair;
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    boolean starts =
        request.messages().size() <= 2
            && request.messages().stream()
                .noneMatch(m -> m instanceof AiMessage || m instanceof ToolExecutionResultMessage);
    boolean again = refused;
    refused = false;
    if (starts && !cycleGiven && !again) {
      Long next =
          cycle == Long.MIN_VALUE
              ? (answers.isEmpty() ? null : answers.firstKey())
              : answers.higherKey(cycle);
      cycle = next == null ? Long.MAX_VALUE : next;
      step = 0;
    }
    if (starts && !again) cycleGiven = false;
    return play(request, ModelRole.MAIN);
  }

  /** Plays the next step's answer to {@code request}, asked of the model in {@code role}. */
  private synchronized ChatResponse play(ChatRequest request, ModelRole role) {
    step++;
    Map<Integer, Answer> ofCycle = answers.get(cycle);
    Answer a = ofCycle == null ? null : ofCycle.get(step);
    String where =
        "cycle " + (cycle == Long.MAX_VALUE ? "(after the recording)" : cycle) + " step " + step;
    if (a == null
        && role == ModelRole.MAIN
        && step == 1
        && request.toolSpecifications() != null
        && !request.toolSpecifications().isEmpty()
        && ofCycle != null
        && ofCycle.get(2) != null
        && ofCycle.get(2).role() == ModelRole.MAIN) {
      // The recorded decision's first answer came at step 2: the provider had refused the tools
      // at step 1 and was asked for the JSON format. The same refusal makes the agent ask again.
      refused = true;
      throw new InvalidRequestException(
          where
              + ": the recorded provider refused the request with tools (the recording answers"
              + " at step 2, without tools)");
    }
    if (a != null && a.role() != role) {
      if (mode == Mode.STRICT)
        throw fail(
            where
                + ": the recording holds the "
                + (a.role() == ModelRole.REPAIR ? "repair model's" : "model's")
                + " answer here, not the "
                + (role == ModelRole.REPAIR ? "repair model's" : "model's"));
      a = null;
    }
    if (a == null && role == ModelRole.REPAIR && !hasRepair(ofCycle)) return emptyAnswer();
    if (mode == Mode.STRICT) {
      if (a == null) throw fail(where + ": no answer was recorded for this request");
      String h = hash(request);
      if (!a.requestHash().isEmpty() && !a.requestHash().equals(h)) {
        throw fail(
            where
                + ": the request differs from the recorded one (hash "
                + h
                + ", recorded "
                + a.requestHash()
                + ")");
      }
    }
    if (a == null) return emptyAnswer();
    served++;
    List<ToolExecutionRequest> calls = new ArrayList<>();
    for (int i = 0; i < a.tools().size(); i++) {
      calls.add(
          ToolExecutionRequest.builder()
              .id("cassette-" + cycle + "-" + step + "-" + i)
              .name(a.tools().get(i))
              .arguments(a.arguments().get(i))
              .build());
    }
    AiMessage.Builder m =
        AiMessage.builder().text(a.text().isEmpty() && !calls.isEmpty() ? null : a.text());
    if (!a.thinking().isEmpty()) m.thinking(a.thinking());
    if (!calls.isEmpty()) m.toolExecutionRequests(calls);
    return ChatResponse.builder()
        .aiMessage(m.build())
        .tokenUsage(
            new dev.langchain4j.model.output.TokenUsage(
                (int) Math.min(Integer.MAX_VALUE, a.tokens().input()),
                (int) Math.min(Integer.MAX_VALUE, a.tokens().output())))
        .modelName("cassette")
        .build();
  }

  private static boolean hasRepair(Map<Integer, Answer> ofCycle) {
    if (ofCycle != null)
      for (Answer a : ofCycle.values()) if (a.role() == ModelRole.REPAIR) return true;
    return false;
  }

  /** The empty answer where nothing was recorded. */
  private static ChatResponse emptyAnswer() {
    return ChatResponse.builder()
        .id(NOTHING_RECORDED)
        .aiMessage(AiMessage.from(""))
        .tokenUsage(new dev.langchain4j.model.output.TokenUsage(0, 0))
        .modelName("cassette")
        .build();
  }

  /** {@link #repairModel()}: the cassette's repair answers. */
  static final class Repair implements ChatModel {
    private final CassetteModel cassette;

    private Repair(CassetteModel cassette) {
      this.cassette = cassette;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      return cassette.play(request, ModelRole.REPAIR);
    }
  }

  /**
   * Whether {@code response} is a lenient cassette's empty answer where nothing was recorded: the
   * end of the recorded decision, not a model turn.
   */
  static boolean nothingRecorded(ChatResponse response) {
    return response != null && NOTHING_RECORDED.equals(response.id());
  }

  private MismatchException fail(String message) {
    if (mismatch == null) mismatch = message;
    return new MismatchException(cycle, message);
  }

  /**
   * A short fingerprint of what a request asks: the tool names offered, then each message's role
   * and text, with the tool calls' names and arguments (not their ids, which a provider makes up).
   * Two requests with the same fingerprint ask the model the same thing.
   */
  public static String hash(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return new Fingerprint().of(request);
  }

  /**
   * {@link #hash} of a conversation that grows turn by turn: each call encodes only the messages
   * added since the previous one (compared by identity), and starts over when the tools offered or
   * an earlier message changed. Not threadsafe.
   */
  static final class Fingerprint {
    private final MessageDigest digest;
    private final List<ChatMessage> fed = new ArrayList<>();
    private String tools;

    Fingerprint() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing", e);
      }
    }

    /** The request's {@link #hash}. */
    String of(ChatRequest request) {
      StringBuilder s = new StringBuilder();
      List<ToolSpecification> specs = request.toolSpecifications();
      if (specs != null)
        for (ToolSpecification t : specs) s.append("tool\u0000").append(t.name()).append('\u0001');
      List<ChatMessage> messages = request.messages();
      if (!s.toString().equals(tools) || !continues(messages)) {
        tools = s.toString();
        digest.reset();
        fed.clear();
        feed(tools);
      }
      for (int i = fed.size(); i < messages.size(); i++) {
        ChatMessage m = messages.get(i);
        feed(piece(m));
        fed.add(m);
      }
      byte[] d;
      try {
        d = ((MessageDigest) digest.clone()).digest();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("SHA-256 cannot be cloned", e);
      }
      return HexFormat.of().formatHex(d, 0, 12);
    }

    private boolean continues(List<ChatMessage> messages) {
      if (messages.size() < fed.size()) return false;
      for (int i = 0; i < fed.size(); i++) if (messages.get(i) != fed.get(i)) return false;
      return true;
    }

    // Every piece starts and ends with an ASCII character, so encoding the pieces one by one gives
    // the bytes of
    // their concatenation.
    private void feed(String piece) {
      digest.update(piece.getBytes(StandardCharsets.UTF_8));
    }

    private static String piece(ChatMessage m) {
      StringBuilder s = new StringBuilder();
      switch (m) {
        case SystemMessage x -> s.append("system\u0000").append(x.text());
        case UserMessage x ->
            s.append("user\u0000")
                .append(x.hasSingleText() ? x.singleText() : x.contents().toString());
        case AiMessage x -> {
          s.append("ai\u0000").append(x.text() == null ? "" : x.text());
          if (x.hasToolExecutionRequests()) {
            for (ToolExecutionRequest r : x.toolExecutionRequests())
              s.append('\u0002').append(r.name()).append('\u0000').append(r.arguments());
          }
        }
        case ToolExecutionResultMessage x ->
            s.append("tool-result\u0000").append(x.toolName()).append('\u0000').append(x.text());
        default -> s.append(m.type()).append('\u0000').append(m);
      }
      return s.append('\u0001').toString();
    }
  }
}
