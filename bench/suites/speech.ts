import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudioBackend } from '../../electron/core/app/backend.ts';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { recordingPlatform } from '../../tests/support/recording-platform.ts';
import { medianMs, type BenchSuite } from '../bench-types.ts';

const TOP = { url: 'app://studio/index.html', isTopFrame: true };

/**
 * The Script source against the stand-in: a preview Runware has to speak (baseline) against
 * one the project already paid for (reused from the ledger, nothing sent); the voice list
 * read from the schemas (baseline) against the cached one.
 */
const suite: BenchSuite = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench speech '));
  const fake = await FakeRunware.start();
  try {
    const backend = await createStudioBackend({
      appInfo: { name: 'Avatar Studio', version: 'bench', platform: process.platform, mediaBase: 'media://' },
      appDataDir: join(dir, 'data'),
      homeDir: dir,
      platform: recordingPlatform().platform,
      emit: () => undefined,
      isAppUrl: (url) => url.startsWith('app://studio/'),
      runwareUrl: fake.url,
    });
    await backend.keyStore.set(fake.apiKey);
    await backend.settings.update({ projectsRoot: join(dir, 'projects') });
    const projectDir = (await backend.studio.projects.create('Bench')).dir;
    await backend.studio.projects.open(projectDir);
    const preview = async (text: string) => {
      const answer = await backend.router.invoke('speech:preview', { projectDir, text, model: 'xai:tts@0', voice: 'Eve' }, TOP);
      if (!answer.ok) throw new Error(answer.error.message);
    };
    let n = 0;
    const made = await medianMs(5, () => preview(`Take number ${(n += 1)}: welcome back to the spring campaign.`));
    const reused = await medianMs(5, () => preview('Take number 1: welcome back to the spring campaign.'));
    const models = () => backend.router.invoke('speech:models', undefined, TOP);
    const started = performance.now();
    await models();
    const firstList = performance.now() - started;
    const cachedList = await medianMs(5, models);
    await backend.dispose();
    return [
      { name: 'speech preview, reused (ms)', value: reused, unit: 'ms', baseline: made },
      { name: 'voice list, cached (ms)', value: cachedList, unit: 'ms', baseline: firstList },
    ];
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
};

export default suite;
