/**
 * A window's recording cut short: writes the first part of a take through Recordings as the
 * window would (chunk by chunk), says how many bytes it sent, then waits to be killed.
 * Usage: node record-then-die.ts <projectDir> <take.webm> <fraction>
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Recordings } from '../../electron/core/studio/recordings.ts';
import type { Projects } from '../../electron/core/studio/projects.ts';

const [dir = '', source = '', fraction = '0.6'] = process.argv.slice(2);
// Only `get(dir).path()` is used while recording; the media steps come after a Stop that never comes.
const projects = { get: () => ({ dir, path: (relative: string) => join(dir, relative) }) } as unknown as Projects;
const recordings = new Recordings({ projects, media: null as never, inputs: null as never });
const bytes = new Uint8Array(await readFile(source));
const { id, file } = await recordings.start(dir, 'audio/webm;codecs=opus');
const cut = Math.floor(bytes.byteLength * Number(fraction));
for (let at = 0; at < cut; at += 4096) await recordings.append(id, bytes.subarray(at, Math.min(at + 4096, cut)));
process.stdout.write(`${JSON.stringify({ file, bytes: cut })}\n`);
setInterval(() => undefined, 60_000);
