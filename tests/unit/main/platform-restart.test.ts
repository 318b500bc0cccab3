import { describe, expect, it } from 'vitest';
import { electronPlatform } from '../../../electron/main/platform.ts';

function platformWith(argv: string[]) {
  const calls: string[] = [];
  const platform = electronPlatform({
    shell: { openExternal: async () => undefined, showItemInFolder: () => undefined, trashItem: async () => undefined },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    Notification: Object.assign(function Notification() {}, { isSupported: () => false }) as never,
    window: () => null,
    app: {
      relaunch: (options?: { args?: string[] }) => void calls.push(`relaunch ${JSON.stringify(options?.args ?? [])}`),
      quit: () => void calls.push('quit'),
    },
    argv,
  });
  return { platform, calls };
}

describe('restarting into and out of the demo', () => {
  it('relaunches with --demo added once, then quits so the queue closes as on any quit', () => {
    const { platform, calls } = platformWith(['--enable-logging']);
    platform.restart({ demo: true });
    expect(calls).toEqual(['relaunch ["--enable-logging","--demo"]', 'quit']);
  });

  it('relaunches without --demo to leave it, keeping the other arguments', () => {
    const { platform, calls } = platformWith(['--demo', '--enable-logging']);
    platform.restart({ demo: false });
    expect(calls).toEqual(['relaunch ["--enable-logging"]', 'quit']);
  });
});
