/**
 * Stands in for codemirror-json-schema's markdown renderer (markdown-it with Shiki, several hundred KB and a
 * WebAssembly engine the CSP would have to allow): the SOP schema's descriptions are plain sentences, so they are
 * shown as escaped text, with `code` kept as code. Swapped in by vite.config.ts.
 */
export function renderMarkdown(markdown: string, _inline = true): string {
  const escaped = markdown.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped.replace(/`([^`]+)`/g, "<code>$1</code>");
}
