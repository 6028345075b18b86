import { createServer } from "node:net";
import { type PreviewServer, preview } from "vite";

/** A free TCP port on loopback, found by binding port 0. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Serves a built app with `vite preview` on a free loopback port. */
export async function servePreview(outDir: string): Promise<{ url: string; server: PreviewServer }> {
  const port = await findFreePort();
  const server = await preview({
    configFile: false,
    logLevel: "error",
    build: { outDir },
    preview: { host: "127.0.0.1", port, strictPort: true },
  });
  return { url: `http://127.0.0.1:${port}`, server };
}
