package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bridge between Rez's {@link Tool} API and langchain4j: tool specifications and error
 * descriptions. Internal.
 */
final class Lc4j {
  private Lc4j() {}

  /**
   * The langchain4j specification of {@code tool}, whose parsed parameter schema is {@code schema}.
   */
  public static ToolSpecification specification(Tool tool, Map<String, Object> schema) {
    return ToolSpecification.builder()
        .name(tool.name())
        .description(tool.description())
        .parameters((JsonObjectSchema) element(schema, tool.name()))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static JsonSchemaElement element(Map<String, Object> s, String path) {
    String description = s.get("description") instanceof String d ? d : null;
    if (s.get("enum") instanceof List<?> values) {
      List<String> names = new ArrayList<>();
      for (Object v : values) names.add(String.valueOf(v));
      return JsonEnumSchema.builder().description(description).enumValues(names).build();
    }
    Object type = s.get("type");
    if (type == null && s.containsKey("properties")) type = "object";
    if (!(type instanceof String t))
      throw new IllegalArgumentException("tool schema at '" + path + "' needs a single \"type\"");
    return switch (t) {
      case "object" -> {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        if (s.get("properties") instanceof Map<?, ?> props) {
          for (Map.Entry<?, ?> e : props.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> sub))
              throw new IllegalArgumentException(
                  "tool schema property '" + path + "." + e.getKey() + "' must be an object");
            b.addProperty(
                String.valueOf(e.getKey()),
                element((Map<String, Object>) sub, path + "." + e.getKey()));
          }
        }
        if (s.get("required") instanceof List<?> req) {
          List<String> names = new ArrayList<>();
          for (Object r : req) names.add(String.valueOf(r));
          b.required(names);
        }
        if (s.get("additionalProperties") instanceof Boolean ap) b.additionalProperties(ap);
        yield b.build();
      }
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" -> {
        JsonArraySchema.Builder b = JsonArraySchema.builder().description(description);
        if (s.get("items") instanceof Map<?, ?> items)
          b.items(element((Map<String, Object>) items, path + "[]"));
        yield b.build();
      }
      default ->
          throw new IllegalArgumentException(
              "tool schema at '" + path + "' has unsupported type '" + t + "'");
    };
  }

  /** The HTTP status behind a provider failure, or -1. */
  public static int httpStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException h) return h.statusCode();
    }
    return -1;
  }

  /**
   * True when the provider refused the request itself (HTTP 400/404/422): retrying it unchanged
   * cannot help.
   */
  public static boolean badRequest(Throwable e) {
    int status = httpStatus(e);
    if (status == 400 || status == 404 || status == 422) return true;
    for (Throwable t = e; t != null; t = t.getCause())
      if (t instanceof InvalidRequestException) return true;
    return false;
  }

  /**
   * A one-line description of a provider failure: the HTTP status when there is one, and the
   * message.
   */
  public static String describe(Throwable e) {
    int status = httpStatus(e);
    String message = e.getMessage();
    for (Throwable t = e;
        (message == null || message.isBlank()) && t.getCause() != null;
        t = t.getCause()) message = t.getCause().getMessage();
    if (message == null) message = e.getClass().getSimpleName();
    message = message.replaceAll("\\s+", " ").strip();
    if (message.length() > 300) message = message.substring(0, 300) + "…";
    return (status > 0 ? "HTTP " + status + ": " : e.getClass().getSimpleName() + ": ") + message;
  }
}
