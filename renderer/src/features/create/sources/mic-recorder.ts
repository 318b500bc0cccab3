/** Containers the recorder may write, best first; main keeps WebM and Ogg. */
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'];
/** A chunk every quarter second: a crash loses at most that much of a take. */
const CHUNK_MS = 250;

/** What the person is told when the microphone cannot be opened, by the browser's error name. */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Avatar Studio may not use the microphone. Allow it in your system’s privacy settings (Microphone), then record again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found. Connect one, then record again.';
  if (name === 'NotReadableError' || name === 'AbortError')
    return 'The microphone is in use by another app, or stopped answering. Close the other app, then record again.';
  return 'The microphone could not be opened. Check that it is connected, then record again.';
}

/** The microphone, chosen by id when there are several. */
export function openMicrophone(deviceId: string | null): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    },
    video: false,
  });
}

export async function microphones(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
}

/** The input level, 0…1 on a −60…0 dBFS scale, while the stream is open (for the meter). */
export function watchLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let frame = 0;
  const tick = () => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const db = 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-6);
    onLevel(Math.min(1, Math.max(0, (db + 60) / 60)));
    frame = requestAnimationFrame(tick);
  };
  tick();
  return () => {
    cancelAnimationFrame(frame);
    void context.close();
  };
}

/**
 * A take from an open stream: the recorder's chunks are handed to `send` in order as they
 * come (main writes each at once), and `stop` resolves once the last one has been sent.
 */
export class MicRecorder {
  readonly mimeType: string;
  readonly #recorder: MediaRecorder;
  #sending: Promise<void> = Promise.resolve();
  #failure: unknown = null;

  /** `onFailure`: a piece could not be kept (a full disk, say); nothing after it is sent. */
  constructor(stream: MediaStream, send: (bytes: Uint8Array<ArrayBuffer>) => Promise<void>, onFailure?: () => void) {
    this.mimeType = MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
    this.#recorder = new MediaRecorder(stream, this.mimeType ? { mimeType: this.mimeType } : {});
    this.mimeType = this.#recorder.mimeType || this.mimeType || 'audio/webm';
    this.#recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      this.#sending = this.#sending.then(async () => {
        if (this.#failure) return;
        try {
          await send(new Uint8Array(await event.data.arrayBuffer()));
        } catch (error) {
          this.#failure = error;
          onFailure?.();
        }
      });
    };
  }

  start(): void {
    this.#recorder.start(CHUNK_MS);
  }

  /** The first failure to send a chunk (a full disk, say), or null. */
  get failure(): unknown {
    return this.#failure;
  }

  async stop(): Promise<void> {
    if (this.#recorder.state !== 'inactive') {
      const stopped = new Promise<void>((resolve) => this.#recorder.addEventListener('stop', () => resolve(), { once: true }));
      this.#recorder.stop();
      await stopped;
    }
    await this.#sending;
  }
}
