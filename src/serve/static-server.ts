/** A tiny static file server: serves a built site the way a static host does (`npm run preview`, browser tests). */
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CONTENT_TYPES } from "./mime.ts";

/** A running server: `url` ends with the prefix, e.g. `http://127.0.0.1:40123/newsroom/`. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` under `prefix` (default `/`) on `host` (default 127.0.0.1) and `port` (default a free
 * one): `/x/` serves `x/index.html`, a missing file gets `404.html` with status 404, paths outside `dir` are refused.
 * @example const server = await serve("dist", "/newsroom/"); await page.goto(`${server.url}search/?q=مياه`);
 */
export async function serve(dir: string, prefix = "/", { host = "127.0.0.1", port = 0 } = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const send = (file: string, status: number) => {
      response.writeHead(status, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(response);
    };
    const file = pathname.startsWith(prefix) ? resolveFile(root, pathname.slice(prefix.length)) : undefined;
    if (file) return send(file, 200);
    const notFound = resolveFile(root, "404.html");
    if (notFound) return send(notFound, 404);
    response.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: httpUrl(address, prefix),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser keeps connections alive: without this, close would wait for them.
        server.closeAllConnections();
      }),
  };
}

/** The address of a listening server, e.g. `http://127.0.0.1:8080/newsroom/` (IPv6 hosts in brackets). */
export function httpUrl(address: AddressInfo, pathname: string): string {
  return `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}${pathname}`;
}

/** The file a request path names under `root`, or undefined; never a file outside `root`. */
function resolveFile(root: string, relative: string): string | undefined {
  const candidate = path.resolve(root, `.${path.posix.sep}${relative}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  for (const file of [candidate, path.join(candidate, "index.html")]) {
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // Not there: try the next form.
    }
  }
  return undefined;
}
