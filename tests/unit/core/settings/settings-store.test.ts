import { readFile, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoticeCenter } from '../../../../electron/core/shell/notices.ts';
import { SettingsStore } from '../../../../electron/core/settings/settings-store.ts';
import { DEFAULT_SETTINGS } from '../../../../shared/settings.ts';
import { recordingLogger } from '../../../support/recording-logger.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

describe('SettingsStore', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let notices: NoticeCenter;
  beforeEach(async () => {
    dir = await makeTempDir();
    notices = new NoticeCenter();
  });
  afterEach(() => dir.cleanup());

  const open = () =>
    SettingsStore.open({ dir: dir.path, defaultProjectsRoot: '/home/p/Documents/Avatar Studio', notices, logger: recordingLogger() });

  it('starts from defaults and resolves the default projects folder', async () => {
    const store = await open();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.projectsRoot()).toBe('/home/p/Documents/Avatar Studio');
  });

  it('persists a change and reads it back', async () => {
    const store = await open();
    const view = await store.update({ budgetCapUSD: 25.5, notifications: false, projectsRoot: '/data/clips' });
    expect(view.settings).toMatchObject({ budgetCapUSD: 25.5, notifications: false, projectsRoot: '/data/clips' });
    const again = await open();
    expect(again.get()).toEqual(view.settings);
    expect(again.projectsRoot()).toBe('/data/clips');
    expect(JSON.parse(await readFile(join(dir.path, 'settings.json'), 'utf8')).version).toBe(1);
  });

  it('refuses an invalid patch without writing', async () => {
    const store = await open();
    await expect(store.update({ budgetCapUSD: -1 })).rejects.toMatchObject({ code: 'settings_invalid' });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps a damaged settings file aside, starts with defaults and says so', async () => {
    await writeFile(join(dir.path, 'settings.json'), '{"version":1,"notifications":"yes"}');
    const store = await open();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const [notice] = notices.take();
    expect(notice?.message).toMatch(
      /^Your settings file has an unexpected shape at "projectsRoot".*started with default settings\. The old file was kept as .*settings\.json\.unreadable-/,
    );
    expect(readdirSync(dir.path).filter((f) => f.startsWith('settings.json.unreadable-'))).toHaveLength(1);
  });
});
