/** A CouchDB server reached over HTTP: its URL without credentials, and the administrator's, if given. */
export interface CouchServer {
  url: string;
  authorization?: string;
}

/** Splits `http://user:password@host:5984/` into the URL and a Basic authorization header. */
export function parseServer(raw: string): CouchServer {
  const url = new URL(raw);
  const authorization =
    url.username || url.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`
      : undefined;
  url.username = "";
  url.password = "";
  return { url: url.toString().replace(/\/$/, ""), ...(authorization ? { authorization } : {}) };
}

/** The answer of one request: status and parsed JSON body. */
export interface CouchAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Sends one request to the server as its administrator; never throws for an HTTP error status. */
export async function couch(
  server: CouchServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<CouchAnswer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      Accept: "application/json",
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...(server.authorization ? { Authorization: server.authorization } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

/** Like `couch`, but throws with the server's reason unless the status is one of `ok`. */
export async function couchExpect(
  server: CouchServer,
  method: string,
  path: string,
  ok: number[],
  body?: unknown,
): Promise<CouchAnswer> {
  const answer = await couch(server, method, path, body);
  if (!ok.includes(answer.status))
    throw new Error(
      `${method} ${path} answered ${answer.status}: ${String(answer.body.reason ?? answer.body.error ?? JSON.stringify(answer.body))}`,
    );
  return answer;
}
