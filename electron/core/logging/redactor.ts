import { redactUrls } from '../../../shared/url-display.ts';

/**
 * Keeps secrets out of every string that leaves the process: log lines, error
 * messages, IPC answers. The key store registers each key it holds; anything that
 * formats text for the outside world passes it through `redact`.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(secret: string): void {
    // Very short strings would redact ordinary words; real keys are long.
    if (secret.length >= 6) this.#secrets.add(secret);
  }

  remove(secret: string): void {
    this.#secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
    // Bearer tokens that were never registered (e.g. from an environment variable), and
    // credentials inside URLs (a presigned upload endpoint, a webhook with a token).
    return redactUrls(out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{6,}/g, '$1[redacted]'));
  }
}
