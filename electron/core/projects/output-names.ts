import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { GenerationRecord } from '../../../shared/generation.ts';
import { safeFolderName } from './safe-names.ts';

/** Fills a template such as `{project}_{image}_{audio}_{take}` with a generation's names. */
export function outputName(
  template: string,
  values: { project: string; image: string; audio: string; take: number; name: string },
): string {
  const stem = (file: string) => basename(file, extname(file));
  const filled = template.replace(/\{(project|image|audio|take|name)\}/g, (_m, key: string) => {
    switch (key) {
      case 'project':
        return values.project;
      case 'image':
        return stem(values.image);
      case 'audio':
        return stem(values.audio);
      case 'take':
        return String(values.take);
      default:
        return values.name;
    }
  });
  return safeFolderName(filled, `take-${values.take}`);
}

export function outputNameFor(template: string, projectName: string, record: GenerationRecord, take: number): string {
  return outputName(template, {
    project: projectName,
    image: record.inputs.image.originalName,
    audio: record.inputs.audio.originalName,
    take,
    name: record.name,
  });
}

/** `dir/name.ext`, or `dir/name (2).ext` and so on when taken: an export never overwrites. */
export async function freePath(dir: string, name: string, ext: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const path = join(dir, `${n === 1 ? name : `${name} (${n})`}.${ext}`);
    if (!(await stat(path).catch(() => null))) return path;
  }
}
