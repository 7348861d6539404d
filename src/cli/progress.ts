/**
 * A one-line progress display on a terminal: records, MB read, rate, ETA.
 * Redrawn at most five times a second; `stop` clears it. Writes nothing when
 * the stream is not a TTY.
 */
export class Progress {
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  /**
   * @param out where to draw (stderr)
   * @param read returns records done and bytes read so far
   * @param totalBytes input bytes in all, when known (for the ETA)
   */
  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly read: () => { records: number; bytes: number },
    private readonly totalBytes: number | undefined,
  ) {
    if (!out.isTTY) return;
    this.timer = setInterval(() => this.draw(), 200);
    this.timer.unref();
  }

  private draw(): void {
    const { records, bytes } = this.read();
    const secs = (performance.now() - this.started) / 1000;
    this.out.write(`\r\x1b[K${formatProgress({ records, bytes, secs, totalBytes: this.totalBytes })}`);
    this.drawn = true;
  }

  /** Stop redrawing and clear the line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.drawn) this.out.write("\r\x1b[K");
  }
}

/**
 * The progress line: percent and ETA when the input size is known, records,
 * MB read, records per second.
 *
 * @param p records done, bytes read, seconds since the start, input bytes in all (if known)
 * @returns one line, no newline, e.g. `khabar: 40% 1200 records, 40.0/100.0 MB, 300 rec/s ETA 0:06`
 */
export function formatProgress(p: {
  records: number;
  bytes: number;
  secs: number;
  totalBytes: number | undefined;
}): string {
  const { records, bytes, secs, totalBytes } = p;
  const rate = secs > 0 ? records / secs : 0;
  const mb = bytes / 1e6;
  let eta = "";
  if (totalBytes && bytes > 0 && bytes < totalBytes) {
    const left = Math.round(((totalBytes - bytes) / bytes) * secs);
    eta = ` ETA ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  }
  const pct = totalBytes ? ` ${Math.min(100, Math.floor((bytes / totalBytes) * 100))}%` : "";
  const total = totalBytes ? `/${(totalBytes / 1e6).toFixed(1)}` : "";
  return `khabar:${pct} ${records} records, ${mb.toFixed(1)}${total} MB, ${rate.toFixed(0)} rec/s${eta}`;
}
