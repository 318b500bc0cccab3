/**
 * Reduces a stream of samples to min/max pairs without knowing its length in
 * advance. Samples are first folded into fine "micro" buckets of a fixed size (chosen
 * from an estimate of the length); at the end the micro buckets are merged into the
 * number asked for. A wrong estimate only changes how fine the micro buckets are,
 * never the result's shape, and memory stays a few times the bucket count.
 */
export class PeakReducer {
  readonly #perMicro: number;
  #min: Float32Array;
  #max: Float32Array;
  #micros = 0;
  #filled = 0;
  #curMin = Infinity;
  #curMax = -Infinity;
  #samples = 0;

  /** `estimatedSamples` sizes the micro buckets: about `detail` of them per output bucket. */
  constructor(buckets: number, estimatedSamples: number, detail = 8) {
    this.#perMicro = Math.max(1, Math.floor(estimatedSamples / (Math.max(1, buckets) * detail)));
    const capacity = Math.max(16, Math.ceil(estimatedSamples / this.#perMicro) + 1);
    this.#min = new Float32Array(capacity);
    this.#max = new Float32Array(capacity);
  }

  get samples(): number {
    return this.#samples;
  }

  push(samples: Float32Array): void {
    const per = this.#perMicro;
    let curMin = this.#curMin;
    let curMax = this.#curMax;
    let filled = this.#filled;
    for (let i = 0; i < samples.length; i += 1) {
      const v = samples[i] as number;
      if (v < curMin) curMin = v;
      if (v > curMax) curMax = v;
      filled += 1;
      if (filled === per) {
        this.#close(curMin, curMax);
        curMin = Infinity;
        curMax = -Infinity;
        filled = 0;
      }
    }
    this.#curMin = curMin;
    this.#curMax = curMax;
    this.#filled = filled;
    this.#samples += samples.length;
  }

  /** The min and max of each of `buckets` equal stretches; zeros for an empty stream. */
  finish(buckets: number): { min: Float32Array; max: Float32Array } {
    if (this.#filled > 0) this.#close(this.#curMin, this.#curMax);
    this.#filled = 0;
    const min = new Float32Array(buckets);
    const max = new Float32Array(buckets);
    const micros = this.#micros;
    if (micros === 0) return { min, max };
    for (let b = 0; b < buckets; b += 1) {
      const from = Math.floor((b * micros) / buckets);
      // With fewer micro buckets than asked for, neighbours share one rather than show a gap.
      const to = Math.max(from + 1, Math.floor(((b + 1) * micros) / buckets));
      let lo = Infinity;
      let hi = -Infinity;
      for (let m = from; m < to; m += 1) {
        lo = Math.min(lo, this.#min[m] as number);
        hi = Math.max(hi, this.#max[m] as number);
      }
      min[b] = lo;
      max[b] = hi;
    }
    return { min, max };
  }

  #close(lo: number, hi: number): void {
    if (this.#micros === this.#min.length) {
      this.#min = grow(this.#min);
      this.#max = grow(this.#max);
    }
    this.#min[this.#micros] = lo;
    this.#max[this.#micros] = hi;
    this.#micros += 1;
  }
}

function grow(array: Float32Array): Float32Array {
  const bigger = new Float32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
