import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/core/projects/project.ts';
import { createStudioBackend, type StudioBackend } from '../../../electron/core/app/backend.ts';
import { fastEngine, startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { recordingPlatform } from '../../support/recording-platform.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

describe('the demo never crosses into real work, and real work never into the demo', () => {
  let h: EngineHarness | null = null;
  let backend: StudioBackend | null = null;
  afterEach(async () => {
    await h?.close();
    await backend?.dispose();
    h = null;
    backend = null;
  });

  it('refuses to send a demo project’s generation to Runware, and a real one to the stand-in', async () => {
    h = await startEngineHarness();
    const demoProject = await Project.openOrCreate(join(h.dir, 'Demo'), { demo: true });
    await expect(h.engine.enqueue(demoProject, { image: MONALISA_JPG, audio: JFK_FLAC })).rejects.toMatchObject({
      code: 'demo_project',
      message: '“Demo” is the demo project: start the demo to make videos in it (they cost nothing).',
    });
    const demoEngine = fastEngine(h.runware, h.media, { demo: true });
    await expect(demoEngine.enqueue(h.project, { image: MONALISA_JPG, audio: JFK_FLAC })).rejects.toMatchObject({
      code: 'demo_running',
      message: 'The demo is running, so nothing is sent to Runware. Leave the demo to make videos in “Test project”.',
    });
    demoEngine.stop();
    expect(h.fake.requests.filter((r) => r.kind === 'submit' || r.kind === 'upload')).toEqual([]);
  });

  it('does not resume a demo generation left unfinished when the app starts without the demo', async () => {
    h = await startEngineHarness({ fake: { generationMs: 60_000 } });
    const demoProject = await Project.openOrCreate(join(h.dir, 'Demo'), { demo: true });
    const demoEngine = fastEngine(h.runware, h.media, { demo: true });
    const queued = await demoEngine.enqueue(demoProject, { image: MONALISA_JPG, audio: JFK_FLAC, startSec: 0, endSec: 2 });
    // Wait until it is remote, then quit as a crash would.
    while ((await demoProject.generations.read(queued.id).then((r) => (r && 'record' in r ? r.record.state : null))) !== 'processing') {
      await new Promise((ok) => setTimeout(ok, 20));
    }
    demoEngine.stop();
    const before = h.fake.requests.length;
    await h.engine.attach(await Project.open(demoProject.dir), { resume: true });
    // Nothing adopted, so nothing can be polled or resent later either.
    expect(h.engine.jobsOf(demoProject)).toEqual([]);
    expect(h.fake.requests.slice(before)).toEqual([]);
  });

  it('runs a whole generation in the demo session at $0, in its own folder, without touching the real key', async () => {
    const temp = await makeTempDir('demo backend ');
    const platform = recordingPlatform();
    backend = await createStudioBackend({
      appInfo: { name: 'Avatar Studio', version: '0', platform: process.platform, mediaBase: 'media://' },
      appDataDir: join(temp.path, 'app data'),
      platform: platform.platform,
      emit: () => undefined,
      isAppUrl: () => true,
      demo: true,
    });
    const { studio, settings, keyStore } = backend;
    expect(settings.projectsRoot()).toBe(join(temp.path, 'app data', 'demo', 'projects'));
    expect(keyStore.status().persisted).toBe(false);
    const [listed] = (await studio.projects.list()).projects;
    expect(listed?.name).toBe('Demo');
    const project = await studio.projects.openFolder(listed?.dir, { resume: true });
    expect(project.info.demo).toBe(true);
    const image = await studio.inputs.import(project.dir, MONALISA_JPG);
    const audio = await studio.inputs.import(project.dir, JFK_FLAC);
    const created = await studio.generations.create(project.dir, {
      image: image.file,
      audio: audio.file,
      startSec: 0,
      endSec: 3,
      settings: { numberResults: 1, outputFormat: 'MP4', outputQuality: 85, CFGScale: 1 },
      normalizeLoudness: false,
    });
    expect(created.estimateUSD).toBe(0);
    const [done] = await backend.engine.settled(project, [created.id]);
    expect(done?.state).toBe('done');
    expect(done?.takes.map((t) => t.costUSD ?? 0)).toEqual([0]);
    expect((await studio.projects.spend(project.dir)).spentUSD).toBe(0);
    await backend.dispose();
    backend = null;
    await temp.cleanup();
  });
});
