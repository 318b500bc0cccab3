import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CORE = join(ROOT, 'electron/core');

/**
 * electron/core in layers (DESIGN.md, "Processes and layers"): a folder may import from its
 * own layer's folders only when it says so here, and from every layer below it, never above.
 * Composition roots (app/) sit on top; the ground (fs/, shell/, logging/) imports nothing of core.
 */
const LAYERS: string[][] = [
  ['fs', 'shell', 'logging'],
  ['runware', 'runware-stand-in', 'media', 'projects', 'settings', 'secrets', 'window', 'protocol'],
  ['jobs', 'doctor', 'demo'],
  ['studio'],
  ['ipc'],
  ['app'],
];
const rankOf = new Map(LAYERS.flatMap((folders, rank) => folders.map((f) => [f, rank] as const)));

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g), ...text.matchAll(/import\('([^']+)'\)/g)].map(
    (m) => m[1] as string,
  );
}

describe('electron/core layers', () => {
  it('knows every folder of electron/core', async () => {
    const folders = (await readdir(CORE, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !rankOf.has(f))).toEqual([]);
  });

  it('no file imports from a folder above its own, or from Electron', async () => {
    const problems: string[] = [];
    for (const file of await sources(CORE)) {
      const folder = relative(CORE, file).split('/')[0] as string;
      const rank = rankOf.get(folder) ?? -1;
      for (const spec of importsOf(await readFile(file, 'utf8'))) {
        if (spec === 'electron' || spec.startsWith('electron/')) problems.push(`${relative(ROOT, file)} imports electron`);
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        const inside = relative(CORE, target);
        if (inside.startsWith('..')) {
          // Outside core: only the pure shared/ folder is below it.
          if (!relative(join(ROOT, 'shared'), target).startsWith('..')) continue;
          problems.push(`${relative(ROOT, file)} imports ${relative(ROOT, target)}`);
          continue;
        }
        const to = inside.split('/')[0] as string;
        if (to === folder) continue;
        if ((rankOf.get(to) ?? 99) >= rank) problems.push(`${relative(ROOT, file)} (${folder}) imports ${to}/`);
      }
    }
    expect(problems).toEqual([]);
  });
});
