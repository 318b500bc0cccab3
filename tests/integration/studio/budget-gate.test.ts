import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AURORA_SETTINGS } from '../../../shared/aurora.ts';
import { createStudioBackend, type StudioBackend } from '../../../electron/core/app/backend.ts';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';
import { recordingPlatform } from '../../support/recording-platform.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { wavTone } from '../../support/wav-tone.ts';

/** Every way of starting paid work passes the one budget gate, with its whole price, before anything is queued. */
describe('the budget gate', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let fake: FakeRunware;
  let backend: StudioBackend;
  let dir: string;
  let tone: string;

  beforeEach(async () => {
    temp = await makeTempDir('budget gate ');
    fake = await FakeRunware.start({ generationMs: 60_000 });
    backend = await createStudioBackend({
      appInfo: { name: 'Avatar Studio', version: 'test', platform: 'linux', mediaBase: 'media://' },
      appDataDir: join(temp.path, 'data'),
      homeDir: temp.path,
      platform: recordingPlatform().platform,
      emit: () => undefined,
      isAppUrl: () => true,
      runwareUrl: fake.url,
    });
    await backend.keyStore.set(fake.apiKey);
    await backend.settings.update({ projectsRoot: join(temp.path, 'projects'), budgetCapUSD: 1 });
    dir = (await backend.studio.projects.create('Test project')).dir;
    await backend.studio.projects.open(dir);
    tone = join(temp.path, 'tone.wav');
    await writeFile(tone, wavTone(5.5, { sampleRate: 22_050 }));
  });
  afterEach(async () => {
    await backend.dispose();
    await fake.close();
    await temp.cleanup();
  });

  const composition = async () => {
    const image = await backend.studio.inputs.import(dir, MONALISA_JPG);
    const audio = await backend.studio.inputs.import(dir, tone);
    return { image: image.file, audio: audio.file, startSec: 0, endSec: 5.5, settings: DEFAULT_AURORA_SETTINGS, normalizeLoudness: false };
  };

  it('refuses to queue past the budget cap, saying by how much', async () => {
    await backend.studio.generations.create(dir, await composition());
    await expect(backend.studio.generations.create(dir, await composition())).rejects.toMatchObject({
      code: 'budget_exceeded',
      message:
        'This generation ($0.84) would bring “Test project” to $1.68, over its $1.00 budget cap. Raise the cap in Settings, or trim the audio.',
    });
    expect((await backend.studio.generations.list(dir)).generations).toHaveLength(1);
  });

  it('checks a retry and a batch by their whole price, and queues nothing when it refuses', async () => {
    const first = await backend.studio.generations.create(dir, await composition());
    await expect(backend.studio.generations.retry(dir, first.id)).rejects.toMatchObject({ code: 'budget_exceeded' });
    const plan = await backend.studio.batches.plan(dir, { items: [{ image: MONALISA_JPG, audio: tone }] });
    await expect(backend.studio.batches.start(dir, plan.id)).rejects.toMatchObject({
      code: 'budget_exceeded',
      message:
        'This generation ($0.84) would bring “Test project” to $1.68, over its $1.00 budget cap. Raise the cap in Settings, or trim the audio.',
    });
    expect((await backend.studio.generations.list(dir)).generations).toHaveLength(1);
  });
});
