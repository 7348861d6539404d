import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { serveCommand } from "../../src/cli/serve-command.ts";
import { openSampleStore, REFERENCE_ID, type SampleStore } from "./sample-store.ts";

// `khabar serve` as a user runs it: a child process on a real port, stopped by a signal.

const REPO = new URL("../../", import.meta.url).pathname;
let sample: SampleStore;

before(async () => {
  sample = await openSampleStore();
  // The child opens the file itself.
  await sample.store.close();
});

after(async () => {
  await sample.dispose();
});

/** Start `khabar serve ARGS` through the CLI's `main`, as bin/khabar.js does. */
function startServe(args: string[]): ChildProcess {
  const script = `import("./src/cli/main.ts").then((m) => m.main(${JSON.stringify(["serve", ...args])})).then((c) => { process.exitCode = c; });`;
  return spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Wait for the line announcing the URL. */
async function urlOf(child: ChildProcess): Promise<string> {
  let out = "";
  let err = "";
  child.stderr!.on("data", (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${err}`)), 60_000);
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing a URL; stderr: ${err}`));
    });
  });
}

test("khabar serve binds loopback on the port asked for, prints its URL, serves, and exits 0 on SIGTERM", async () => {
  const child = startServe(["--db", sample.path, "--port", "0"]);
  try {
    const url = await urlOf(child);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const health = await fetch(`${url}api/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { engine: string }).engine, "sqlite");
    const article = await fetch(`${url}api/articles/${REFERENCE_ID}`);
    assert.equal(article.status, 200);
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = await exited;
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

/** Run `fn` with stderr captured. */
async function withStderr<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const write = process.stderr.write;
  let err = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return [await fn(), err];
  } finally {
    process.stderr.write = write;
  }
}

test("khabar serve warns before listening beyond loopback, and exits 1 when it cannot listen or the store does not exist", async () => {
  // 192.0.2.1 (TEST-NET-1) is no interface of this machine: the warning comes first, then the bind fails; nothing is exposed.
  const [code, err] = await withStderr(() => serveCommand({ db: sample.path, port: 0, host: "192.0.2.1" }));
  assert.equal(code, 1);
  assert.match(err, /warning: listening on 192\.0\.2\.1/);
  assert.match(err, /cannot listen on 192\.0\.2\.1/);

  const missing = join(mkdtempSync(join(tmpdir(), "khabar-serve-")), "none.db");
  const [none, noneErr] = await withStderr(() => serveCommand({ db: missing, port: 0, host: "127.0.0.1" }));
  assert.equal(none, 1);
  assert.match(noneErr, /no store at/);
  assert.ok(!existsSync(missing), "no empty store was created");
});
