import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a Python stemmer peer measured (see bench/peers/isri.py and snowball.py). */
export interface PythonPeerResult {
  peer: string;
  version: string;
  docs: number;
  bytes: number;
  /** Arabic words found by the peer's regex and stemmed. */
  words: number;
  /** Best time of the tokenize + stem loop, seconds. */
  seconds: number;
  runs: number;
}

/** A Python peer: its script, the module it needs and how to install it. */
export interface PythonPeer {
  name: string;
  script: string;
  module: string;
  install: string;
}

/** Debian's system Python: the `python3` first on PATH may be another install without Debian's packages. */
export const SYSTEM_PYTHON = "/usr/bin/python3";

/** The Python peers the benchmark knows. */
export const PYTHON_PEERS: readonly PythonPeer[] = [
  {
    name: "isri",
    script: fileURLToPath(new URL("isri.py", import.meta.url)),
    module: "nltk.stem.isri",
    install: "apt-get install -y python3-nltk",
  },
  {
    name: "snowball",
    script: fileURLToPath(new URL("snowball.py", import.meta.url)),
    module: "Stemmer",
    install: "apt-get install -y python3-stemmer",
  },
];

/**
 * Whether a peer can run here.
 *
 * @returns true when the system Python imports the peer's module
 */
export function pythonPeerAvailable(peer: PythonPeer): boolean {
  const r = spawnSync(SYSTEM_PYTHON, ["-c", `import ${peer.module}`], { encoding: "utf8" });
  return r.status === 0;
}

/**
 * Run a Python peer on the texts file (one JSON string per line).
 *
 * @param peer which peer
 * @param textsFile path of the texts file
 * @param runs passes over the texts (the best counts)
 * @returns what the peer printed
 * @throws Error when the peer fails or prints something else than its JSON line
 */
export function runPythonPeer(peer: PythonPeer, textsFile: string, runs: number): PythonPeerResult {
  // -B: no __pycache__ in bench/peers.
  const r = spawnSync(SYSTEM_PYTHON, ["-B", peer.script, textsFile, "--runs", String(runs)], {
    encoding: "utf8",
    maxBuffer: 16 << 20,
  });
  if (r.status !== 0) throw new Error(`${peer.name} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as PythonPeerResult;
}
