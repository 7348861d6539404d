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
    const rate = secs > 0 ? records / secs : 0;
    const mb = bytes / 1e6;
    let eta = "";
    if (this.totalBytes && bytes > 0 && bytes < this.totalBytes) {
      const left = ((this.totalBytes - bytes) / bytes) * secs;
      eta = ` ETA ${Math.floor(left / 60)}:${String(Math.round(left % 60)).padStart(2, "0")}`;
    }
    const pct = this.totalBytes ? ` ${Math.min(100, Math.floor((bytes / this.totalBytes) * 100))}%` : "";
    const total = this.totalBytes ? `/${(this.totalBytes / 1e6).toFixed(1)}` : "";
    this.out.write(
      `\r\x1b[Kkhabar:${pct} ${records} records, ${mb.toFixed(1)}${total} MB, ${rate.toFixed(0)} rec/s${eta}`,
    );
    this.drawn = true;
  }

  /** Stop redrawing and clear the line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.drawn) this.out.write("\r\x1b[K");
  }
}
