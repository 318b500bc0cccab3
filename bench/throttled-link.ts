import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A local TCP proxy shaped like a home uplink: every byte in either direction waits its
 * turn on one shared schedule of `bitsPerSec`, whatever the number of connections, so
 * keep-alive and parallel requests are treated as on a real link. Counts the bytes.
 */
export interface ThrottledLink {
  /** host:port of the proxy, to put in place of the target's. */
  readonly host: string;
  readonly bytesUp: number;
  readonly bytesDown: number;
  close(): Promise<void>;
}

const SLICE = 8 * 1024;

class Direction {
  bytes = 0;
  #nextFreeAt = 0;
  readonly #bytesPerMs: number;

  constructor(bitsPerSec: number) {
    this.#bytesPerMs = bitsPerSec / 8 / 1000;
  }

  /** Copies `from` to `to`, each slice after the previous one has had its time on the link. */
  async pump(from: Socket, to: Socket): Promise<void> {
    for await (const chunk of from as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < chunk.length; offset += SLICE) {
        const slice = chunk.subarray(offset, offset + SLICE);
        const now = Date.now();
        const start = Math.max(now, this.#nextFreeAt);
        this.#nextFreeAt = start + slice.length / this.#bytesPerMs;
        if (this.#nextFreeAt > now) await new Promise((ok) => setTimeout(ok, this.#nextFreeAt - now));
        this.bytes += slice.length;
        if (!to.write(slice)) await once(to, 'drain');
      }
    }
    to.end();
  }
}

export async function startThrottledLink(target: { host: string; port: number }, bitsPerSec: number): Promise<ThrottledLink> {
  const up = new Direction(bitsPerSec);
  const down = new Direction(bitsPerSec);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    void up.pump(client, upstream).catch(() => upstream.destroy());
    void down.pump(upstream, client).catch(() => client.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    get bytesUp() {
      return up.bytes;
    },
    get bytesDown() {
      return down.bytes;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
}
