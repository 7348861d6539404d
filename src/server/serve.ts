import type { FastifyInstance } from "fastify";
import type { Store } from "../store/types.ts";
import type { AppOptions } from "./app.ts";

/** Options for `serve`. */
export interface ServeOptions extends Omit<AppOptions, "store" | "allowedHosts"> {
  store: Store;
  /** Interface to bind (default `127.0.0.1`: reachable from this machine only). */
  host?: string;
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
}

/** A listening server. */
export interface RunningServer {
  app: FastifyInstance;
  /** `http://HOST:PORT/`, the address to open. */
  url: string;
  /** Stop listening, finish the requests in flight, then close the store. */
  close(): Promise<void>;
}

/** The default interface: loopback, so nothing outside this machine can reach the API unless asked for. */
export const DEFAULT_HOST = "127.0.0.1";
/** The default port. */
export const DEFAULT_PORT = 8080;

/**
 * True when `host` names only this machine.
 *
 * @param host an interface address or name
 */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Serve the API (and the UI, when built) over HTTP. On loopback it also
 * refuses requests naming another host (DNS rebinding).
 *
 * @param options the store, where to listen, limits
 * @returns the running server; `close()` shuts it down and closes the store
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const { host: _h, port: _p, ...appOptions } = options;
  // fastify is loaded when a server starts, not by every CLI command that imports this module.
  const { buildApp } = await import("./app.ts");
  const app = buildApp({
    ...appOptions,
    ...(isLoopback(host) ? { allowedHosts: ["localhost", "127.0.0.1", "[::1]", host.toLowerCase()] } : {}),
  });
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shown = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    app,
    url: `http://${shown}:${actualPort}/`,
    close: () => {
      closing ??= (async () => {
        try {
          await app.close();
        } finally {
          await options.store.close();
        }
      })();
      return closing;
    },
  };
}
