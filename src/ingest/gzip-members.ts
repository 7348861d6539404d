import * as zlib from "node:zlib";
import { constants, createGunzip, inflateRawSync } from "node:zlib";

// CRC-32 of member data (node:zlib has it from Node 20.15); without it only the size is checked.
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** Damage found in a gzip stream: where, and what was lost. */
export interface GzipDamage {
  /** `corrupt`: a member did not decode, reading went on at the next good member; `cut`: the stream ends inside a member. */
  kind: "corrupt" | "cut";
  /** Decompressed bytes yielded before the damage. */
  offset: number;
  /** Compressed byte offset where the damaged member (or the garbage) starts. */
  at: number;
  /** Compressed bytes skipped to reach the next good member (0 when cut). */
  skipped: number;
  message: string;
}

/**
 * A stretch of decompressed bytes between two damages: `chunks` ends at the
 * damage (or at the end of the stream); once it has ended, `damage()` says
 * what ended it (undefined at a clean end).
 */
export interface GzipSegment {
  /** Decompressed bytes before this segment. */
  offset: number;
  chunks: AsyncIterable<Uint8Array>;
  damage(): GzipDamage | undefined;
}

/** Options for `gzipSegments`. */
export interface GzipMemberOptions {
  /**
   * True when a member's first decompressed bytes are a plausible start
   * (e.g. `WARC/1.`): after damage, the next member must pass this to be
   * read, so a `1f 8b 08` inside garbage is not taken for a member.
   */
  plausible?: (head: Buffer) => boolean;
  /**
   * Largest member decoded in one piece, compressed (default 8 MiB). A longer
   * member (a single-member `.gz` of a whole archive) is streamed instead,
   * and resynchronization ends there: a damage after it cuts the stream.
   */
  maxMember?: number;
}

type Event = { kind: "data"; bytes: Buffer } | { kind: "damage"; damage: GzipDamage };

const MAGIC0 = 0x1f;
const MAGIC1 = 0x8b;
const DEFLATE = 8;
// Longest member output decoded in one piece; a longer one is streamed (bounded memory against gzip bombs).
const MAX_OUTPUT = 64 * 2 ** 20;

/**
 * Decode a multi-member gzip stream (as `.warc.gz` writes one member per
 * record) member by member, so damage costs only the members it touches: a
 * member that does not decode is skipped, reading resumes at the next
 * `1f 8b 08` header whose content decodes (and is `plausible`), and the
 * stream is cut into segments at each damage. A stream that ends inside a
 * member ends with a `cut` damage after yielding what it held.
 *
 * @param compressed the raw (compressed) bytes
 * @returns the segments, in order; consume each one's chunks before the next
 */
export async function* gzipSegments(
  compressed: AsyncIterable<Uint8Array>,
  options: GzipMemberOptions = {},
): AsyncGenerator<GzipSegment> {
  const events = decodeMembers(compressed, options)[Symbol.asyncIterator]();
  let offset = 0;
  // One event of look-ahead: a new segment starts only when something follows the damage.
  let next = await events.next();
  while (!next.done) {
    let damage: GzipDamage | undefined;
    let done = false;
    const start = offset;
    const step = async (): Promise<Buffer | undefined> => {
      if (done || next.done) {
        done = true;
        return undefined;
      }
      const e = next.value;
      next = await events.next();
      if (e.kind === "damage") {
        damage = e.damage;
        done = true;
        return undefined;
      }
      offset += e.bytes.length;
      return e.bytes;
    };
    const chunks = async function* (): AsyncGenerator<Uint8Array> {
      for (let b = await step(); b; b = await step()) yield b;
    };
    yield { offset: start, chunks: chunks(), damage: () => damage };
    // The consumer may stop early (its reader gave up on the segment): drain it to the damage or the end.
    while (!done) await step();
  }
}

async function* decodeMembers(
  compressed: AsyncIterable<Uint8Array>,
  options: GzipMemberOptions,
): AsyncGenerator<Event> {
  const maxMember = options.maxMember ?? 8 * 2 ** 20;
  const upstream = compressed[Symbol.asyncIterator]();
  let buf = Buffer.alloc(0);
  let pos = 0; // next unread byte of buf
  let base = 0; // compressed offset of buf[0]
  let ended = false;
  let out = 0; // decompressed bytes yielded
  // Make at least `n` bytes available from pos (fewer at the end); drops what was read.
  const more = async (n: number): Promise<number> => {
    if (buf.length - pos >= n || ended) return buf.length - pos;
    const pieces: Buffer[] = [buf.subarray(pos)];
    let have = buf.length - pos;
    while (have < n) {
      const r = await upstream.next();
      if (r.done) {
        ended = true;
        break;
      }
      const b = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      pieces.push(b);
      have += b.length;
    }
    base += pos;
    buf = Buffer.concat(pieces, have);
    pos = 0;
    return have;
  };

  // Skip from a damaged member at `from` to the next member that decodes: a `corrupt` damage, or `cut` when none is left.
  async function resync(from: number, why: string): Promise<GzipDamage> {
    const at = base + from;
    pos = from + 1;
    for (;;) {
      if ((await more(3)) < 3) {
        pos = buf.length;
        return {
          kind: "cut",
          offset: out,
          at,
          skipped: 0,
          message: `${why} at compressed byte ${at}; no readable gzip member after it (${base + pos - at} bytes lost)`,
        };
      }
      const i = buf.indexOf(MAGIC0, pos);
      if (i < 0) {
        pos = buf.length;
        continue;
      }
      pos = i;
      if ((await more(3)) < 3) continue;
      if (!isMagic(buf, pos)) {
        pos += 1;
        continue;
      }
      await more(1 << 16);
      if (candidate(buf.subarray(pos, pos + (1 << 16)), options.plausible)) {
        return {
          kind: "corrupt",
          offset: out,
          at,
          skipped: base + pos - at,
          message: `${why} at compressed byte ${at}; skipped ${base + pos - at} bytes to the next gzip member`,
        };
      }
      pos += 1;
    }
  }

  for (;;) {
    const avail = await more(18);
    if (avail === 0) return;
    const h = headerLength(buf, pos);
    if (h === "bad") {
      const damage = await resync(pos, "bytes that are not a gzip member");
      yield { kind: "damage", damage };
      if (damage.kind === "cut") return;
      continue;
    }
    if (h === "short") {
      // Fewer bytes than a header: the stream ends there.
      yield cut(out, base + pos, "the gzip stream ends inside a member header");
      return;
    }
    let want = Math.max(1 << 16, 2 * (buf.length - pos));
    for (;;) {
      let decoded: { buffer: Buffer; engine: { bytesWritten: number } } | undefined;
      let error: (Error & { code?: string }) | undefined;
      try {
        decoded = inflateRawSync(buf.subarray(pos + h), {
          info: true,
          maxOutputLength: MAX_OUTPUT,
        }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      } catch (e) {
        error = e as Error & { code?: string };
      }
      if (decoded) {
        const used = h + decoded.engine.bytesWritten;
        if ((await more(used + 8)) < used + 8) {
          // The member's data is whole but its 8-byte trailer is cut: keep the data, report the cut.
          if (decoded.buffer.length) yield { kind: "data", bytes: decoded.buffer };
          out += decoded.buffer.length;
          yield cut(out, base + pos, "the gzip stream ends inside a member trailer");
          return;
        }
        if (!trailerMatches(buf, pos + used, decoded.buffer)) {
          const damage = await resync(pos, "a gzip member whose data does not match its checksum");
          yield { kind: "damage", damage };
          if (damage.kind === "cut") return;
          break;
        }
        pos += used + 8;
        if (decoded.buffer.length) {
          out += decoded.buffer.length;
          yield { kind: "data", bytes: decoded.buffer };
        }
        break;
      }
      const unfinished = error?.code === "Z_BUF_ERROR";
      if (unfinished && !ended && buf.length - pos <= maxMember) {
        await more(want);
        want *= 2;
        continue;
      }
      if (unfinished && ended) {
        // Cut inside this member: yield what decodes, then the cut.
        let partial = Buffer.alloc(0);
        try {
          partial = inflateRawSync(buf.subarray(pos + h), {
            finishFlush: constants.Z_SYNC_FLUSH,
            maxOutputLength: MAX_OUTPUT,
          });
        } catch {
          // nothing decodable
        }
        if (partial.length) yield { kind: "data", bytes: partial };
        out += partial.length;
        yield cut(out, base + pos, `the gzip stream ends inside a member (${buf.length - pos} of its bytes present)`);
        return;
      }
      if (unfinished || error?.code === "ERR_BUFFER_TOO_LARGE") {
        // A huge member: stream the rest of the input through gunzip, in bounded memory.
        yield* streamRest(
          buf.subarray(pos),
          upstream,
          base + pos,
          () => out,
          (n) => {
            out += n;
          },
        );
        return;
      }
      const damage = await resync(pos, `a gzip member that does not decode (${error?.message ?? "unknown error"})`);
      yield { kind: "damage", damage };
      if (damage.kind === "cut") return;
      break;
    }
  }
}

function cut(offset: number, at: number, message: string): Event {
  return { kind: "damage", damage: { kind: "cut", offset, at, skipped: 0, message } };
}

// Length of the gzip header at `pos`: "bad" when it is not one, "short" when the bytes end first.
function headerLength(buf: Buffer, pos: number): number | "bad" | "short" {
  if (buf.length - pos < 10) return buf.length - pos >= 3 && !isMagic(buf, pos) ? "bad" : "short";
  if (!isMagic(buf, pos)) return "bad";
  const flags = buf[pos + 3]!;
  let p = pos + 10;
  if (flags & 4) {
    if (p + 2 > buf.length) return "short";
    p += 2 + buf.readUInt16LE(p);
  }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    const z = buf.indexOf(0, p);
    if (z < 0) return "short";
    p = z + 1;
  }
  if (flags & 2) p += 2;
  if (p > buf.length) return "short";
  return p - pos;
}

// The 8-byte trailer at `at` (CRC-32, size mod 2^32) matches the member's data.
function trailerMatches(buf: Buffer, at: number, data: Buffer): boolean {
  if (buf.readUInt32LE(at + 4) !== data.length % 2 ** 32) return false;
  return !crc32 || buf.readUInt32LE(at) === crc32(data) >>> 0;
}

function isMagic(buf: Buffer, pos: number): boolean {
  return buf[pos] === MAGIC0 && buf[pos + 1] === MAGIC1 && buf[pos + 2] === DEFLATE;
}

// True when the bytes start a gzip member whose first content decodes (and looks right).
function candidate(bytes: Buffer, plausible?: (head: Buffer) => boolean): boolean {
  const h = headerLength(bytes, 0);
  if (typeof h !== "number") return false;
  // The whole member when the probe holds it (so a damaged member right after the damage is skipped too),
  // else its first part.
  for (const finishFlush of [constants.Z_FINISH, constants.Z_SYNC_FLUSH]) {
    try {
      const r = inflateRawSync(bytes.subarray(h), { finishFlush, maxOutputLength: 1 << 20, info: true }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      const end = h + r.engine.bytesWritten;
      if (finishFlush === constants.Z_FINISH && end + 8 <= bytes.length && !trailerMatches(bytes, end, r.buffer))
        return false;
      return r.buffer.length > 0 && (!plausible || plausible(r.buffer));
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Output longer than the probe allows still means the member decodes.
      if (code === "ERR_BUFFER_TOO_LARGE") return !plausible;
      if (code !== "Z_BUF_ERROR") return false;
    }
  }
  return false;
}

// The rest of the input through a streaming gunzip (a member too large to decode in one piece).
async function* streamRest(
  head: Buffer,
  upstream: AsyncIterator<Uint8Array>,
  at: number,
  out: () => number,
  add: (n: number) => void,
): AsyncGenerator<Event> {
  const gz = createGunzip();
  (async () => {
    try {
      if (!gz.write(head)) await new Promise((res) => gz.once("drain", res));
      for (;;) {
        const r = await upstream.next();
        if (r.done) break;
        if (!gz.write(r.value)) await new Promise((res) => gz.once("drain", res));
      }
      gz.end();
    } catch (error) {
      gz.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      add(chunk.length);
      yield { kind: "data", bytes: chunk };
    }
  } catch (error) {
    yield cut(
      out(),
      at,
      `the gzip stream is cut or damaged in a large member (from compressed byte ${at}): ${(error as Error).message}`,
    );
  }
}
