import { describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames } from '../../../shared/ipc/contract.ts';

const fake = await vi.hoisted(async () => {
  const { fakeElectron } = await import('../../support/fake-electron.ts');
  return fakeElectron({ userData: '/unused' });
});
vi.mock('electron', () => fake.module);
await import('../../../electron/preload/index.ts');

type Api = Record<string, Record<string, (...a: unknown[]) => unknown>> & { getPathForFile(f: unknown): string };
const studio = fake.module.contextBridge.exposed.get('studio') as Api;

describe('preload bridge', () => {
  it('exposes one method per contract channel and nothing generic', async () => {
    for (const channel of channelNames) {
      const [domain, method] = channel.split(':') as [string, string];
      expect(typeof studio[domain]?.[method], channel).toBe('function');
      await studio[domain]?.[method]?.({ probe: channel });
    }
    expect(fake.invoked.map((i) => i.channel)).toEqual(channelNames);
    expect(fake.invoked[0]?.payload).toEqual({ probe: channelNames[0] });
    expect(Object.keys(studio)).not.toContain('invoke');
    expect(Object.keys(studio)).not.toContain('send');
  });

  it('subscribes to every contract event and returns an unsubscribe function', () => {
    for (const event of eventNames) {
      const [domain, thing] = event.split(':') as [string, string];
      const seen: unknown[] = [];
      const name = `on${thing[0]?.toUpperCase()}${thing.slice(1)}`;
      const off = studio[domain]?.[name]?.((p: unknown) => seen.push(p)) as () => void;
      fake.module.ipcRenderer.emit(event, { n: 1 });
      off();
      fake.module.ipcRenderer.emit(event, { n: 2 });
      expect(seen, event).toEqual([{ n: 1 }]);
    }
  });

  it('gives dropped files their path through webUtils, and tells main the person chose that file', () => {
    expect(studio.getPathForFile({ name: 'portrait.jpg' })).toBe('/dropped/portrait.jpg');
    expect(fake.sentSync).toEqual([{ channel: 'grant:droppedFile', payload: '/dropped/portrait.jpg' }]);
  });
});
