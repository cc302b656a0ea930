package dev.rez.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/** A user tool, registered through META-INF/services. */
public class FearGreedTool implements Tool {
  @Override
  public String name() {
    return "get_fear_greed";
  }

  @Override
  public String description() {
    return "The crypto fear & greed index, 0 (fear) to 100 (greed).";
  }

  @Override
  public String parameters() {
    return "{\"type\":\"object\",\"properties\":{}}";
  }

  @Override
  public ToolResult execute(ToolArguments args, ToolContext context) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", 62);
    m.put("label", "greed");
    return ToolResult.of(m);
  }
}
