/**
 * Pulls bytes from a stream of chunks on demand: lines, exact counts, skips.
 * Memory holds at most the unread part of the current chunk plus what one
 * call asks for, so archives of any size stream through.
 */
export class ByteReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private done = false;
  /** Bytes consumed so far (the offset of the next unread byte). */
  offset = 0;

  /**
   * @param chunks the stream, e.g. a file's (decompressed) chunks
   * @param offset the offset of its first byte (when it continues an earlier stream)
   */
  constructor(chunks: AsyncIterable<Uint8Array>, offset = 0) {
    this.it = chunks[Symbol.asyncIterator]();
    this.offset = offset;
  }

  // Make at least `n` bytes available (fewer at the end); returns how many are. One copy per call.
  private async fill(n: number): Promise<number> {
    let have = this.buf.length - this.pos;
    if (have >= n || this.done) return have;
    const pieces: Buffer[] = have ? [this.buf.subarray(this.pos)] : [];
    while (have < n) {
      const next = await this.it.next();
      if (next.done) {
        this.done = true;
        break;
      }
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      pieces.push(chunk);
      have += chunk.length;
    }
    this.buf = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, have);
    this.pos = 0;
    return have;
  }

  /** True when every byte has been read. */
  async atEnd(): Promise<boolean> {
    return (await this.fill(1)) === 0;
  }

  /**
   * Read one line (without its `\n` or `\r\n`).
   *
   * @param max longest line accepted, in bytes
   * @returns the line; `undefined` at the end of the stream; `null` when the
   *   line is longer than `max` (it is skipped up to its end)
   */
  async line(max: number): Promise<Buffer | undefined | null> {
    const pieces: Buffer[] = [];
    let len = 0;
    for (;;) {
      if (this.pos >= this.buf.length && (await this.fill(1)) === 0) {
        // end of stream: the last line has no newline
        return pieces.length === 0 ? undefined : Buffer.concat(pieces, len);
      }
      const nl = this.buf.indexOf(10, this.pos);
      const end = nl >= 0 ? nl : this.buf.length;
      const piece = this.buf.subarray(this.pos, end);
      len += piece.length;
      this.offset += end - this.pos + (nl >= 0 ? 1 : 0);
      this.pos = nl >= 0 ? nl + 1 : end;
      if (len > max) {
        if (nl < 0) await this.skipLine();
        return null;
      }
      pieces.push(piece);
      if (nl >= 0) {
        const line = pieces.length === 1 ? piece : Buffer.concat(pieces, len);
        return line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
      }
    }
  }

  // Skip to just past the next newline without holding the line in memory.
  private async skipLine(): Promise<void> {
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl >= 0) {
        this.offset += nl + 1 - this.pos;
        this.pos = nl + 1;
        return;
      }
      this.offset += this.buf.length - this.pos;
      this.pos = this.buf.length;
      if ((await this.fill(1)) === 0) return;
    }
  }

  /**
   * Read exactly `n` bytes.
   *
   * @returns the bytes; fewer than `n` when the stream ends first
   */
  async read(n: number): Promise<Buffer> {
    const avail = await this.fill(n);
    const take = Math.min(n, avail);
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + take));
    this.pos += take;
    this.offset += take;
    return out;
  }

  /**
   * Skip `n` bytes without keeping them.
   *
   * @returns how many were skipped (fewer than `n` at the end of the stream)
   */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      const avail = await this.fill(Math.min(left, 1 << 16));
      if (avail === 0) break;
      const take = Math.min(left, avail);
      this.pos += take;
      this.offset += take;
      left -= take;
    }
    return n - left;
  }

  /** Look at the next `n` bytes without consuming them (fewer at the end). */
  async peek(n: number): Promise<Buffer> {
    const avail = await this.fill(n);
    return this.buf.subarray(this.pos, this.pos + Math.min(n, avail));
  }
}
