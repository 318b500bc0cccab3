import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedTask {
  taskType: string;
  taskUUID: string;
  [field: string]: unknown;
}

/** One answer: its HTTP status and its body (an object is sent as JSON, a string as is). */
export interface CannedAnswer {
  status: number;
  body: unknown;
}

export type Answerer = (tasks: CannedTask[]) => CannedAnswer;

/**
 * A Runware endpoint that answers exactly what a test says, for replaying answer shapes
 * (the stand-in in electron/core/runware-stand-in/ behaves like the service; this one behaves like a recording).
 */
export class CannedRunware {
  readonly requests: CannedTask[][] = [];
  url = '';
  #server: Server;
  #answer: Answerer = () => ({ status: 200, body: { data: [] } });

  private constructor() {
    this.#server = createServer((req, res) => {
      void readBody(req).then((text) => {
        let tasks: CannedTask[] = [];
        try {
          tasks = JSON.parse(text) as CannedTask[];
        } catch {
          // An unreadable request is still recorded (as no tasks) and answered.
        }
        this.requests.push(tasks);
        const { status, body } = this.#answer(tasks);
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body));
      });
    });
  }

  static async start(): Promise<CannedRunware> {
    const canned = new CannedRunware();
    await new Promise<void>((ok) => canned.#server.listen(0, '127.0.0.1', ok));
    canned.url = `http://127.0.0.1:${(canned.#server.address() as AddressInfo).port}/v1`;
    return canned;
  }

  /** Every request from now on is answered by `answerer`. */
  answer(answerer: Answerer): void {
    this.#answer = answerer;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((ok) => this.#server.close(() => ok()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
