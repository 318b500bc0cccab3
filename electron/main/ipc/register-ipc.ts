import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../../shared/ipc/contract.ts';
import { GRANT_DROPPED_FILE } from '../../../shared/ipc/names.ts';
import type { PathGrants } from '../../core/ipc/path-grants.ts';
import type { IpcRouter, SenderInfo } from '../../core/ipc/router.ts';

/** What the router needs to know about who sent an invoke. */
export function senderOf(event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed has no trustworthy URL.
  if (!frame) return { url: '', isTopFrame: false };
  return { url: frame.url, isTopFrame: frame.parent === null };
}

/** Binds every contract channel (and only those) to the router. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, router: IpcRouter): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => router.invoke(channel, payload, senderOf(event)));
  }
}

/** The preload's report of a dropped file's path: the window may then name that file. */
export function registerGrants(ipcMain: Pick<IpcMain, 'on'>, grants: PathGrants, isAppUrl: (url: string) => boolean): void {
  ipcMain.on(GRANT_DROPPED_FILE, (event, path: unknown) => {
    const sender = senderOf(event);
    if (sender.isTopFrame && isAppUrl(sender.url) && typeof path === 'string') grants.add(path);
    event.returnValue = true;
  });
}
