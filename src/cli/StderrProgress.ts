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
    if (!this.quiet && this.tty) this.stream.write(`  ${step} …`);
  }

  update(done: number): void {
    if (this.quiet || !this.tty || !this.step) return;
    const now = performance.now();
    if (now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const pct = this.total ? ` ${Math.min(100, (100 * done) / this.total).toFixed(0)}%` : '';
    this.stream.write(`\r  ${this.step} … ${done.toLocaleString('en-US')}${this.total ? `/${this.total.toLocaleString('en-US')}` : ''}${pct}   `);
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
