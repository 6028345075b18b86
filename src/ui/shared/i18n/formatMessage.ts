/** Values a message may interpolate: `{name}` in the message is replaced by `params.name`. */
export type MessageParams = Record<string, string | number>;

/** Fills a message's `{placeholders}`; an unknown placeholder is left as it is, so a missing value shows. */
export function formatMessage(message: string, params?: MessageParams): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
