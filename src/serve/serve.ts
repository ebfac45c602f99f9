import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Eleventy } from "@11ty/eleventy";

/** Where the dev server listens unless told otherwise: this machine only (it shows drafts and embargoed releases). */
export const LOCAL_HOST = "127.0.0.1";

/** The parts of Eleventy's dev server (@11ty/eleventy-dev-server 2.1) that choosing the address needs. */
interface DevServer {
  server: Server;
  onRequestHandler(request: IncomingMessage, response: ServerResponse): Promise<void>;
  ready(): Promise<void>;
  _serverListen(port: number): void;
}

/**
 * Starts Eleventy's dev server on `host` and resolves with the address it listens on.
 *
 * Why not Eleventy's own `serve(port)` alone: its dev server listens on every interface (`listen({ port })`,
 * no host), and `npm start` shows drafts and embargoed releases to anyone who can reach the machine.
 * Its listen step is replaced with one that passes the host; its retry on a busy port goes through it too.
 */
export async function serveOn(eleventy: Eleventy, port: number, host: string): Promise<AddressInfo> {
  const serving = (eleventy as unknown as { eleventyServe: { init(): Promise<void>; initServerInstance(): Promise<void>; server: DevServer } }).eleventyServe;
  await serving.init();
  await serving.initServerInstance();
  const devServer = serving.server;
  devServer._serverListen = (listenPort: number) => devServer.server.listen({ port: listenPort, host });
  // Its handler throws on an address outside the output folder (`/..%2f..%2fpackage.json`), and
  // the throw ends the process: one request from anyone who can reach it would stop the preview.
  const handle = devServer.onRequestHandler.bind(devServer);
  devServer.onRequestHandler = async (request, response) => {
    try {
      await handle(request, response);
    } catch {
      if (!response.headersSent) response.statusCode = 404;
      response.end();
    }
  };
  await eleventy.serve(port);
  await devServer.ready();
  return devServer.server.address() as AddressInfo;
}
