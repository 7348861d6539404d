import { resolve } from "node:path";
import type { Store } from "./types.ts";

/** The database used when none is given: `$KHABAR_DB`, else `khabar.db` in the working directory. */
export function defaultDbPath(): string {
  const env = process.env.KHABAR_DB;
  return env && env.trim() !== "" ? env : "khabar.db";
}

/**
 * Open a store by its target: `postgres://` or `postgresql://` URLs open the
 * PostgreSQL store (loaded only then, so SQLite users never load `pg`);
 * anything else is a SQLite file path (created when missing).
 *
 * @param target a file path or a PostgreSQL URL (default: `defaultDbPath()`)
 * @returns the open store; `close()` it when done
 */
export async function openStore(target: string = defaultDbPath()): Promise<Store> {
  if (typeof target !== "string" || target.trim() === "")
    throw new TypeError("khabar: openStore needs a file path or a postgres:// URL");
  if (/^postgres(ql)?:\/\//i.test(target)) {
    // Loaded only here, so SQLite users never load pg.
    return (await import("./postgres.ts")).openPostgresStore(target);
  }
  // Loaded only here too: commands that open no store (`khabar process`) start without the native module.
  const { openSqliteStore } = await import("./sqlite.ts");
  return openSqliteStore(target === ":memory:" ? target : resolve(target));
}
