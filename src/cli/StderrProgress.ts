import type { Progress } from '../core/progress';

/**
 * Progress on stderr, so stdout stays clean for data (`seglab profile … > profile.md`).
 * On a terminal a step's counter redraws in place; in CI logs each step prints once with its duration.
 */
export class StderrProgress implements Progress {
  private step: string | null = null;
  private total: number | undefined;
  private started = 0;
  private lastDraw = 0;
  /** Non-terminal output (CI logs, pipes): a long step prints where it is at most this often. */
  private lastLine = 0;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  start(step: string, total?: number): void {
    if (this.step) this.end();
    this.step = step;
    this.total = total;
    this.started = performance.now();
    this.lastLine = this.started;
    if (!this.quiet && this.tty) this.stream.write(`  ${step} …`);
  }

  /** A long statement's share done: a bar on a terminal (share, rows/s, ETA), a line every 10 s elsewhere. */
  fraction(share: number, rows?: number): void {
    if (this.quiet || !this.step) return;
    const now = performance.now();
    const text = `${this.step} … ${(100 * share).toFixed(0)}%${rate(rows, now - this.started)}${eta(share, now - this.started)}`;
    if (this.tty) {
      if (now - this.lastDraw < 200) return;
      this.lastDraw = now;
      this.stream.write(`\r  ${bar(share)} ${text}\x1b[K`);
    } else if (now - this.lastLine >= NON_TTY_EVERY_MS) {
      this.lastLine = now;
      this.stream.write(`  ${text}\n`);
    }
  }

  update(done: number): void {
    if (this.quiet || !this.tty || !this.step) return;
    const now = performance.now();
    if (now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const pct = this.total ? ` ${Math.min(100, (100 * done) / this.total).toFixed(0)}%` : '';
    const timing = this.total ? `${rate(done, now - this.started, '')}${eta(done / this.total, now - this.started)}` : '';
    this.stream.write(`\r  ${this.step} … ${done.toLocaleString('en-US')}${this.total ? `/${this.total.toLocaleString('en-US')}` : ''}${pct}${timing}\x1b[K`);
  }

  end(detail?: string): void {
    if (!this.step) return;
    const secs = ((performance.now() - this.started) / 1000).toFixed(1);
    if (!this.quiet) {
      const line = `  ${this.step} — ${detail ? `${detail}, ` : ''}${secs} s`;
      this.stream.write(this.tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    }
    this.step = null;
  }

  note(message: string): void {
    if (this.quiet) return;
    if (this.step && this.tty) this.stream.write('\n');
    this.stream.write(`  note: ${message}\n`);
  }
}

const NON_TTY_EVERY_MS = 10_000;

/** "· 1.2M rows/s" from a count and the milliseconds it took; '' when unknown. */
function rate(count: number | undefined, ms: number, unit = ' rows'): string {
  if (!count || ms < 500) return '';
  const perSecond = (count * 1000) / ms;
  const short = perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)}M` : perSecond >= 1e3 ? `${(perSecond / 1e3).toFixed(1)}k` : perSecond.toFixed(perSecond >= 10 ? 0 : 1);
  return ` · ${short}${unit}/s`;
}

/** "· ETA 25 s" from the share done and the milliseconds so far; '' until it means something. */
function eta(share: number, ms: number): string {
  if (share <= 0.01 || share >= 1 || ms < 1000) return '';
  const left = (ms * (1 - share)) / share / 1000;
  return ` · ETA ${left >= 90 ? `${Math.round(left / 60)} min` : `${Math.round(left)} s`}`;
}

function bar(share: number, width = 20): string {
  const full = Math.round(Math.max(0, Math.min(1, share)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}
