/**
 * Writes JSON the way the SOP library keeps it: a value that fits on its line (120 characters) stays on one line,
 * a longer object or array is broken one member per line, two-space indents. The CLI's `senda format` and the
 * editor's export both use it, so a file exported from the editor diffs cleanly in git.
 */
export function formatJson(value: unknown, width = 120): string {
  return `${format(value, 0, 0, width)}\n`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return value.length ? `[${value.map(inline).join(", ")}]` : "[]";
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(", ")} }` : "{}";
  }
  return JSON.stringify(value) ?? "null";
}

function format(value: unknown, indent: number, prefix: number, width: number): string {
  const flat = inline(value);
  if (indent + prefix + flat.length <= width || !value || typeof value !== "object") return flat;
  const pad = " ".repeat(indent + 2);
  if (Array.isArray(value)) {
    if (!value.length) return flat;
    return `[\n${value.map((v) => pad + format(v, indent + 2, 1, width)).join(",\n")}\n${" ".repeat(indent)}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.length) return flat;
  const lines = entries.map(([k, v]) => {
    const key = `${JSON.stringify(k)}: `;
    return pad + key + format(v, indent + 2, key.length + 1, width);
  });
  return `{\n${lines.join(",\n")}\n${" ".repeat(indent)}}`;
}
