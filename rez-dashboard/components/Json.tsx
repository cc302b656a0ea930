"use client";

/** Pretty-prints a JSON value (strings as they are). */
export function Json({ value, max = 200_000 }: { value: unknown; max?: number }) {
  let text: string;
  if (typeof value === "string") {
    text = value;
    // A tool's result is often JSON in a string: show it indented.
    const t = value.trim();
    if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
      try {
        text = JSON.stringify(JSON.parse(t), null, 2);
      } catch {
        // not JSON after all
      }
    }
  } else {
    try {
      text = JSON.stringify(value, null, 2) ?? "null";
    } catch {
      text = String(value);
    }
  }
  if (text.length > max) text = text.slice(0, max) + `\n… (${text.length - max} more characters)`;
  return <pre>{text}</pre>;
}
