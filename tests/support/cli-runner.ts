import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { GenerationRecord } from '../../shared/generation.ts';

export const CLI = resolve(import.meta.dirname, '../../electron/cli/index.ts');

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the real command line as a child process (Node with type stripping). */
export function startCli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((ok) =>
    child.on('close', (code, signal) => ok({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return startCli(args, env).done;
}

/**
 * An app-data folder whose learned timing says takes come back fast, so the CLI
 * polls the fake at once instead of waiting as for the real service.
 */
export async function fastAppData(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'throughput.json'), JSON.stringify({ version: 1, secondsPerAudioSecond: 0.2, samples: 20 }));
  return dir;
}

/** The only generation of a project, once its record exists. */
export async function onlyRecord(projectDir: string): Promise<GenerationRecord | null> {
  const dirs = await readdir(join(projectDir, 'generations')).catch(() => [] as string[]);
  if (dirs.length !== 1) return null;
  try {
    return JSON.parse(await readFile(join(projectDir, 'generations', dirs[0] as string, 'generation.json'), 'utf8')) as GenerationRecord;
  } catch {
    return null;
  }
}

export async function waitForState(projectDir: string, state: GenerationRecord['state'], timeoutMs = 30_000): Promise<GenerationRecord> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const record = await onlyRecord(projectDir);
    if (record?.state === state) return record;
    await new Promise((ok) => setTimeout(ok, 5));
  }
  throw new Error(`the generation never reached ${state}`);
}

/** Every file under `dir`, relative paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(d, entry.name), rel);
      else out.push(rel);
    }
  };
  if (await stat(dir).catch(() => null)) await walk(dir, '');
  return out.sort();
}
