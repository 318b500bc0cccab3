import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../fs/atomic-json.ts';

const FileSchema = z.object({ version: z.literal(1), secondsPerAudioSecond: z.number().positive(), samples: z.number().int() });

/**
 * How long Runware takes per second of audio, learned from finished tasks (an
 * exponential moving average), so polling can aim at the expected finish instead of
 * knocking every few seconds for minutes.
 */
export class ThroughputModel {
  /** Before any sample: a conservative guess for Aurora (a 10 s clip ≈ 1 minute). */
  static readonly PRIOR = 6;
  readonly #file: string | null;
  #value = ThroughputModel.PRIOR;
  #samples = 0;
  #loaded = false;

  constructor(file: string | null = null, prior = ThroughputModel.PRIOR) {
    this.#file = file;
    this.#value = prior;
  }

  async load(): Promise<void> {
    if (this.#loaded || !this.#file) return;
    this.#loaded = true;
    const read = await readJson(this.#file, FileSchema);
    if (read.kind === 'ok') {
      this.#value = read.value.secondsPerAudioSecond;
      this.#samples = read.value.samples;
    }
  }

  get secondsPerAudioSecond(): number {
    return this.#value;
  }

  expectedMs(audioSec: number): number {
    return Math.max(1, audioSec) * this.#value * 1000;
  }

  async observe(audioSec: number, elapsedMs: number): Promise<void> {
    if (audioSec <= 0 || elapsedMs <= 0) return;
    const sample = elapsedMs / 1000 / audioSec;
    // Early samples count more, so the guess converges within a few tasks.
    const alpha = this.#samples < 5 ? 0.5 : 0.2;
    this.#value = this.#samples === 0 ? sample : this.#value * (1 - alpha) + sample * alpha;
    this.#samples += 1;
    if (this.#file) {
      await writeJsonAtomic(this.#file, { version: 1, secondsPerAudioSecond: this.#value, samples: this.#samples }).catch(() => undefined);
    }
  }
}
