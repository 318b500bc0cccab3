import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spendOnDisk } from '../../../electron/core/jobs/budget.ts';
import { GenerationTrash } from '../../../electron/core/projects/generation-trash.ts';
import { Project } from '../../../electron/core/projects/project.ts';
import { ProjectsRoot } from '../../../electron/core/projects/projects-root.ts';
import { within } from '../../../electron/core/fs/contained-paths.ts';
import { safeFolderName } from '../../../electron/core/projects/safe-names.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';
import { generationRecord as record } from '../../support/generation-records.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('projects', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let root: ProjectsRoot;
  beforeEach(async () => {
    temp = await makeTempDir('projects root ');
    root = new ProjectsRoot(() => temp.path);
  });
  afterEach(() => temp.cleanup());

  it('creates, lists, renames and archives projects in the root', async () => {
    const spring = await root.create('Spring ads');
    await root.create('Onboarding');
    await root.create('Spring ads');
    expect((await root.list()).projects.map((p) => p.name)).toEqual(['Onboarding', 'Spring ads', 'Spring ads']);
    expect((await readdir(temp.path)).sort()).toEqual(['Onboarding', 'Spring ads', 'Spring ads (2)']);
    for (const sub of ['media', 'generations', 'exports']) expect((await readdir(spring.dir)).includes(sub)).toBe(true);

    const renamed = await root.rename(spring, 'Summer ads');
    expect(renamed.dir).toBe(join(temp.path, 'Summer ads'));
    expect(renamed.info.id).toBe(spring.info.id);

    await renamed.update({ archived: true });
    expect((await root.list()).projects.map((p) => p.name)).toEqual(['Onboarding', 'Spring ads']);
    expect((await root.list({ includeArchived: true })).projects).toHaveLength(3);
  });

  it('keeps what a trashed generation cost, after the system trash took it too; Restore counts it once', async () => {
    const project = await root.create('Spend');
    await project.generations.write(record('kept', { costUSD: 0.84 }));
    await project.generations.write(record('thrown', { costUSD: 1.4 }));
    expect(await spendOnDisk(project)).toEqual({ spentUSD: 2.24, committedUSD: 0, trashedUSD: 0 });

    expect(await GenerationTrash.move(project, 'thrown', 1.4)).toEqual({ id: 'thrown', spentUSD: 1.4 });
    expect(await spendOnDisk(project)).toEqual({ spentUSD: 2.24, committedUSD: 0, trashedUSD: 1.4 });
    await GenerationTrash.restore(project, 'thrown');
    expect(await spendOnDisk(project)).toEqual({ spentUSD: 2.24, committedUSD: 0, trashedUSD: 0 });

    // Handed over to the system trash, the folder is gone from the project; the money is not.
    await GenerationTrash.move(project, 'thrown', 1.4);
    for (const path of await GenerationTrash.pending(project)) await rm(path, { recursive: true });
    expect((await project.generations.list()).generations.map((g) => g.id)).toEqual(['kept']);
    expect(await spendOnDisk(project)).toEqual({ spentUSD: 2.24, committedUSD: 0, trashedUSD: 1.4 });

    // A ledger damaged by hand is set aside, never overwritten.
    await writeFile(join(project.dir, '.studio', 'trashed-spend.json'), '{ not json');
    await GenerationTrash.move(project, 'kept', 0.84);
    expect((await readdir(join(project.dir, '.studio'))).some((n) => n.startsWith('trashed-spend.json.unreadable-'))).toBe(true);
    expect(await spendOnDisk(project)).toMatchObject({ trashedUSD: 0.84 });
  });

  it.each([
    ['NUL\u0000inside', 'cannot contain control characters'],
    ['line\nbreak', 'cannot contain control characters'],
    ['x'.repeat(101), 'at most 100 characters'],
    ['CON', 'a name Windows keeps for devices'],
    ['lpt1.txt', 'a name Windows keeps for devices'],
    ['   ', 'Give the project a name.'],
  ])('refuses the project name %j', async (name, words) => {
    await expect(root.create(name)).rejects.toThrow(words);
    expect(await readdir(temp.path)).toEqual([]);
  });

  it('keeps the folder name while generations run, renaming only the project', async () => {
    const project = await root.create('Podcast');
    const renamed = await root.rename(project, 'Podcast S2', true);
    expect(renamed.dir).toBe(project.dir);
    expect(renamed.info.name).toBe('Podcast S2');
  });

  it('makes folder names safe on every system', () => {
    expect(safeFolderName('a/b:c*?"<>|d')).toBe('a b c d');
    expect(safeFolderName('  trailing dots... ')).toBe('trailing dots');
    expect(safeFolderName('CON')).toBe('CON_');
    expect(safeFolderName('...')).toBe('Untitled');
    expect(safeFolderName('Café über 東京')).toBe('Café über 東京');
  });

  it('refuses paths that leave the project', async () => {
    const project = await root.create('Safe');
    expect(() => project.path('../outside.txt')).toThrow('Avatar Studio refused to use a path outside the project folder.');
    expect(() => within(project.dir, 'media', '..', '..', 'x')).toThrow();
    expect(() => project.generations.folder('../../etc')).toThrow();
  });

  it('imports media by content: the same portrait twice is one file', async () => {
    const project = await root.create('Imports');
    const a = await project.importMedia(MONALISA_JPG);
    const copy = join(temp.path, 'copy of mona lisa.JPG');
    await writeFile(copy, await readFile(MONALISA_JPG));
    const b = await project.importMedia(copy);
    expect(a.file).toBe(b.file);
    expect(a.file).toMatch(/^media\/[0-9a-f]{16}\.jpg$/);
    expect(b.originalName).toBe('copy of mona lisa.JPG');
    expect(await readdir(join(project.dir, 'media'))).toHaveLength(1);
    await expect(project.importMedia(join(temp.path, 'nope.wav'))).rejects.toMatchObject({
      code: 'media_missing',
      message: '“nope.wav” was not found or is not a file.',
    });
  });

  it('opens a folder given on the command line, creating it when missing, refusing a foreign one', async () => {
    const fresh = await Project.openOrCreate(join(temp.path, 'new project'));
    expect(fresh.info.name).toBe('new project');
    const foreign = join(temp.path, 'taxes');
    await mkdir(foreign);
    await writeFile(join(foreign, 'return.pdf'), 'x');
    await expect(Project.openOrCreate(foreign)).rejects.toMatchObject({
      code: 'project_folder_not_empty',
      message: '“taxes” already holds other files and is not a project. Choose an empty or new folder.',
    });
  });

  it('reports a damaged project.json without touching it', async () => {
    const project = await root.create('Damaged');
    await writeFile(join(project.dir, 'project.json'), '{"schemaVersion":1,');
    const listing = await root.list();
    expect(listing.projects).toEqual([]);
    expect(listing.unreadable[0]?.reason).toBe(
      'The project file of “Damaged” is not valid JSON. Fix or restore project.json; nothing in the folder was changed.',
    );
    expect(await readFile(join(project.dir, 'project.json'), 'utf8')).toBe('{"schemaVersion":1,');
  });

  describe('generation records', () => {
    it('skips a corrupt or hand-broken record, reports it, and never deletes it', async () => {
      const project = await root.create('Records');
      await project.generations.write(record('2026-11-23_100000_good'));
      await project.generations.write(record('2026-11-23_100001_broken'));
      const brokenFile = project.generations.file('2026-11-23_100001_broken', 'generation.json');
      await writeFile(brokenFile, '{ not json');
      await mkdir(join(project.generations.dir, '2026-11-23_100002_wrong-shape'));
      await writeFile(
        project.generations.file('2026-11-23_100002_wrong-shape', 'generation.json'),
        JSON.stringify({ ...record('x'), state: 'exploded' }),
      );

      const list = await project.generations.list();
      expect(list.generations.map((g) => g.id)).toEqual(['2026-11-23_100000_good']);
      expect(list.unreadable).toEqual([
        { id: '2026-11-23_100001_broken', reason: 'generation.json is not valid JSON' },
        { id: '2026-11-23_100002_wrong-shape', reason: expect.stringMatching(/^generation\.json has an unexpected shape at "state"/) },
      ]);
      expect(await readFile(brokenFile, 'utf8')).toBe('{ not json');
    });

    it('tolerates a generation folder removed outside the app', async () => {
      const project = await root.create('Removed');
      await project.generations.write(record('2026-11-23_100000_one'));
      await project.generations.write(record('2026-11-23_100001_two'));
      expect((await project.generations.list()).generations).toHaveLength(2);
      await rm(project.generations.folder('2026-11-23_100000_one'), { recursive: true });
      expect((await project.generations.list()).generations.map((g) => g.id)).toEqual(['2026-11-23_100001_two']);
    });

    it('re-reads a record edited by hand (the index follows the file)', async () => {
      const project = await root.create('Edited');
      await project.generations.write(record('2026-11-23_100000_one'));
      await project.generations.list();
      const file = project.generations.file('2026-11-23_100000_one', 'generation.json');
      const edited = { ...record('2026-11-23_100000_one'), name: 'Renamed by hand', favorite: true };
      await new Promise((ok) => setTimeout(ok, 20));
      await writeFile(file, JSON.stringify(edited, null, 2));
      const reopened = await Project.open(project.dir);
      expect((await reopened.generations.list()).generations[0]).toMatchObject({ name: 'Renamed by hand', favorite: true });
    });

    it('names generation folders by time and words, never colliding', async () => {
      const project = await root.create('Names');
      const at = new Date(2026, 10, 23, 14, 15, 2);
      const first = await project.generations.newId('Lighthouse — Intro!', at);
      expect(first).toBe('2026-11-23_141502_lighthouse-intro');
      await project.generations.write(record(first));
      expect(await project.generations.newId('Lighthouse — Intro!', at)).toBe('2026-11-23_141502_lighthouse-intro-2');
    });
  });
});
