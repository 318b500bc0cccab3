import type { GenerationRecord } from '../../shared/generation.ts';
import { STATE_LABELS } from '../../shared/state-labels.ts';

function clock(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Human progress on stderr: a live bar with elapsed time and ETA on a terminal,
 * plain timestamped lines otherwise (logs, CI). stdout stays for the result.
 */
export class ProgressReporter {
  readonly #write: (text: string) => void;
  readonly #tty: boolean;
  readonly #started = Date.now();
  readonly #last = new Map<string, string>();
  #lineOpen = false;

  constructor(write: (text: string) => void, tty: boolean) {
    this.#write = write;
    this.#tty = tty;
  }

  state(record: GenerationRecord): void {
    const label = STATE_LABELS[record.state];
    if (this.#last.get(record.id) === label) return;
    this.#last.set(record.id, label);
    if (this.#tty) this.#bar(record.id, label, record.progress ?? null, null);
    else this.#line(`${record.id}: ${label}`);
  }

  progress(id: string, progress: number | null, etaSec: number | null): void {
    if (!this.#tty) return;
    this.#bar(id, 'generating', progress, etaSec);
  }

  note(text: string): void {
    if (this.#tty && this.#lineOpen) this.#write('\n');
    this.#lineOpen = false;
    this.#write(`${text}\n`);
  }

  end(): void {
    if (this.#tty && this.#lineOpen) this.#write('\n');
    this.#lineOpen = false;
  }

  #bar(id: string, label: string, progress: number | null, etaSec: number | null): void {
    const width = 24;
    const filled = progress === null ? 0 : Math.round((progress / 100) * width);
    const bar = progress === null ? '·'.repeat(width) : '█'.repeat(filled) + '░'.repeat(width - filled);
    const elapsed = clock((Date.now() - this.#started) / 1000);
    const eta = etaSec === null ? '' : ` · ETA ${clock(etaSec)}`;
    const pct = progress === null ? '' : ` ${progress}%`;
    this.#write(`\r\x1b[2K${bar}${pct} ${label} · ${elapsed} elapsed${eta} · ${id}`);
    this.#lineOpen = true;
  }

  #line(text: string): void {
    this.#write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
  }
}
