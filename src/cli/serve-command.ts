import { existsSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_HOST, DEFAULT_PORT, isLoopback, serve } from "../server/serve.ts";
import { defaultDbPath, openStore } from "../store/open-store.ts";

/** Options of `khabar serve`. */
export interface ServeCommandOptions {
  db: string;
  port: number;
  host: string;
  web?: string;
}

/**
 * Register `khabar serve` on `program`.
 *
 * @param program the CLI's commander program
 * @param setCode sets the process's exit code when the command ends
 */
export function registerServeCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command("serve")
    .description(
      "serve the HTTP API (and the web UI, when built) over a store; loopback only unless --host says otherwise",
    )
    .option("--db <file>", "the store: a SQLite file, or postgres://... ", defaultDbPath())
    .option("-p, --port <n>", "port (0: any free one)", parsePort, DEFAULT_PORT)
    .option("--host <host>", "interface to bind; anything but loopback exposes the API to the network", DEFAULT_HOST)
    .option("--web <dir>", "directory of the built web UI (default: dist/web of the package)")
    .action(async (opts: ServeCommandOptions) => {
      setCode(await serveCommand(opts));
    });
}

/**
 * Run `khabar serve` until SIGINT or SIGTERM, then close the server (finishing
 * requests in flight) and the store.
 *
 * @returns the exit code: 0 after a clean shutdown, 1 when the store or port cannot be opened
 */
export async function serveCommand(opts: ServeCommandOptions): Promise<number> {
  if (!isLoopback(opts.host)) {
    process.stderr.write(
      `khabar: warning: listening on ${opts.host}: the API has no authentication and anyone who can reach this address can read the store\n`,
    );
  }
  if (!/^postgres(ql)?:\/\//i.test(opts.db) && !existsSync(opts.db)) {
    // Opening would create an empty store: a mistyped path would serve nothing, silently.
    process.stderr.write(`khabar: no store at ${opts.db}: run \`khabar index PATH... --db ${opts.db}\` first\n`);
    return 1;
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(opts.db);
  } catch (error) {
    process.stderr.write(
      `khabar: cannot open store ${opts.db}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  let server: Awaited<ReturnType<typeof serve>>;
  try {
    server = await serve({
      store,
      host: opts.host,
      port: opts.port,
      ...(opts.web ? { webRoot: opts.web } : {}),
      onError: (error, request) => {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.stderr.write(`khabar: ${request.method} ${request.url} failed: ${detail}\n`);
      },
    });
  } catch (error) {
    await store.close();
    process.stderr.write(
      `khabar: cannot listen on ${opts.host}:${opts.port}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  process.stdout.write(`khabar: serving ${opts.db} at ${server.url}\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second signal means "now": do not wait for slow requests.
        process.stderr.write(`khabar: ${signal} again, exiting\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`khabar: ${signal}: shutting down\n`);
      const done = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      server.close().then(done, (error: unknown) => {
        process.stderr.write(`khabar: error while shutting down: ${String(error)}\n`);
        done();
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return 0;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number, 0-65535");
  return n;
}
