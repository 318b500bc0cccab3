import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudioBackend, type StudioBackend } from '../../../electron/core/app/backend.ts';
import { recordingPlatform, type RecordingPlatform } from '../../support/recording-platform.ts';
import { generationRecord } from '../../support/generation-records.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('the studio session', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let backend: StudioBackend;
  let platform: RecordingPlatform;
  let events: string[];
  beforeEach(async () => {
    temp = await makeTempDir('session ');
    platform = recordingPlatform();
    events = [];
    backend = await createStudioBackend({
      appInfo: { name: 'Avatar Studio', version: 'test', platform: 'linux', mediaBase: 'media://' },
      appDataDir: join(temp.path, 'data'),
      homeDir: temp.path,
      platform: platform.platform,
      emit: (name) => void events.push(name),
      isAppUrl: () => true,
      runwareUrl: 'http://127.0.0.1:9/v1',
    });
    await backend.settings.update({ projectsRoot: join(temp.path, 'projects') });
  });
  afterEach(async () => {
    await backend.dispose();
    await temp.cleanup();
  });

  it('announces a new project list whenever the projects folder changes, back to the default too', async () => {
    events = [];
    await backend.settings.update({ notifications: false });
    expect(events).toEqual(['settings:changed']);
    await backend.settings.update({ projectsRoot: join(temp.path, 'elsewhere') });
    await backend.settings.update({ projectsRoot: null });
    expect(events).toEqual(['settings:changed', 'settings:changed', 'projects:changed', 'settings:changed', 'projects:changed']);
  });

  it('shows an exported file in the folder, and nothing outside the exports', async () => {
    const project = await backend.studio.projects.create('Exports');
    await backend.studio.projects.open(project.dir);
    const file = join(project.dir, 'exports', 'intro.webm');
    await mkdir(join(project.dir, 'exports'), { recursive: true });
    await writeFile(file, 'x');
    backend.studio.library.revealExport(project.dir, file);
    expect(platform.revealed).toEqual([file]);
    expect(() => backend.studio.library.revealExport(project.dir, join(project.dir, '..', 'elsewhere.txt'))).toThrow(
      'Only files in the project’s exports folder can be shown from here.',
    );
  });

  it('says plainly when a take to export was removed from its folder', async () => {
    const project = await backend.studio.projects.create('Gone');
    const { project: opened } = await backend.studio.projects.open(project.dir);
    await opened.generations.write(
      generationRecord('2026-11-23_100000_intro', { takes: [{ index: 1, videoUUID: 'v', state: 'done', file: 'take-1.mp4' }] }),
    );
    await expect(
      backend.studio.library.export(project.dir, {
        id: '2026-11-23_100000_intro',
        take: 1,
        format: 'webm',
        quality: 'high',
        originalAudio: false,
      }),
    ).rejects.toMatchObject({
      code: 'take_missing',
      message:
        'Take 1 of “2026-11-23_100000_intro” is no longer in its folder (it was moved or deleted outside Avatar Studio), so it cannot be exported. Put take-1.mp4 back in the generation’s folder, then try again.',
    });
  });
});
