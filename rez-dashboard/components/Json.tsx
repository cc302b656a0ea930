"use client";

/** Pretty-prints a JSON value (strings as they are). */
export function Json({ value, max = 200_000 }: { value: unknown; max?: number }) {
  let text: string;
  if (typeof value === "string") text = value;
  else {
    try {
      text = JSON.stringify(value, null, 2) ?? "null";
    } catch {
      text = String(value);
    }
  }
  if (text.length > max) text = text.slice(0, max) + `\n… (${text.length - max} more characters)`;
  return <pre>{text}</pre>;
}
