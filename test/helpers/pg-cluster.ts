// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp
// folder, start on a free loopback port (socket in the same folder), create a
// database, and remove it all at the end. Uses the Debian binaries
// (/usr/lib/postgresql/N/bin); as root, runs them as the `postgres` user.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running throwaway cluster. */
export interface PgCluster {
  /** `postgres://...` URL of the test database. */
  url: string;
  port: number;
  /** Stop the server and remove its files. */
  stop(): Promise<void>;
}

/** The folder holding initdb/pg_ctl, the newest installed version first, or null. */
export function findPgBin(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, "initdb"))) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

/**
 * Start a throwaway cluster.
 *
 * @returns the cluster, or null when PostgreSQL is not installed (tests skip); throws when
 *   `process.env.CI` is set and it is missing, so CI never silently skips.
 */
export async function startPgCluster(): Promise<PgCluster | null> {
  const bin = findPgBin();
  if (!bin) {
    if (process.env.CI) throw new Error("pg-cluster: PostgreSQL binaries not found (CI must install postgresql)");
    return null;
  }
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "khabar-pg-"));
  chmodSync(dir, 0o700);
  const data = join(dir, "data");
  const uid = root ? Number(execFileSync("id", ["-u", "postgres"]).toString().trim()) : undefined;
  const gid = root ? Number(execFileSync("id", ["-g", "postgres"]).toString().trim()) : undefined;
  if (root) chownSync(dir, uid!, gid!);
  const run = (cmd: string, args: string[]): string => {
    const full = join(bin, cmd);
    const out = root
      ? execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: ["ignore", "pipe", "pipe"] })
      : execFileSync(full, args, { stdio: ["ignore", "pipe", "pipe"] });
    return out.toString();
  };
  const port = await freePort();
  const user = root ? "postgres" : (process.env.USER ?? "postgres");
  run("initdb", ["-D", data, "-U", user, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`,
    "-w",
    "start",
  ]);
  const stop = async (): Promise<void> => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already gone: nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", user, "khabar"]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://${user}@127.0.0.1:${port}/khabar`, port, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
