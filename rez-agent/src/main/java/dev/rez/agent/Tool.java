package dev.rez.agent;

/**
 * Something the model may call while it reasons: a source of data or a proposed action. Implement
 * it to give the agent a new capability, then register it on {@link Agent.Builder#tool(Tool)} or
 * list the class in {@code META-INF/services/dev.rez.agent.Tool} for {@link
 * Agent.Builder#discoverTools()}.
 *
 * <pre>{@code
 * final class FearGreedTool implements Tool {
 *   public String name() { return "get_fear_greed"; }
 *   public String description() { return "The crypto fear & greed index, 0 (fear) to 100 (greed)."; }
 *   public String parameters() { return "{\"type\":\"object\",\"properties\":{}}"; }
 *   public ToolResult execute(ToolArguments args, ToolContext context) {
 *     return ToolResult.of(java.util.Map.of("value", 62, "label", "greed"));
 *   }
 * }
 * }</pre>
 *
 * <p>The agent validates the model's arguments against {@link #parameters()} before calling {@link
 * #execute}, so an implementation sees only arguments of the declared types. A tool reports a
 * problem the model can fix by returning {@link ToolResult#error(String)} or throwing {@link
 * ToolException} (or any {@link IllegalArgumentException}); the message goes back to the model as
 * the tool's result. A tool never trades: to act, it proposes a decision with {@link
 * ToolContext#propose}.
 *
 * <p>Implementations must be threadsafe if one agent serves several threads. A class found by
 * {@link java.util.ServiceLoader} needs a public no-argument constructor.
 */
public interface Tool {
  /**
   * The name the model calls it by: 1 to 64 letters, digits, {@code _} or {@code -}, unique per
   * agent.
   */
  String name();

  /** What it does and when to use it, for the model. */
  String description();

  /**
   * The JSON Schema of its arguments: an object schema such as {@code
   * {"type":"object","properties":{"asset":{"type":"string"}},"required":["asset"]}}.
   */
  String parameters();

  /**
   * Runs the tool.
   *
   * @param arguments the model's arguments, already checked against {@link #parameters()}
   * @param context what the tool may read in this decision, and where it proposes actions
   * @return a JSON-serialisable result ({@link ToolResult#of}) or an error for the model ({@link
   *     ToolResult#error})
   */
  ToolResult execute(ToolArguments arguments, ToolContext context);
}
