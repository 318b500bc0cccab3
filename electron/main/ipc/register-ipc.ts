import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../../shared/ipc/contract.ts';
import type { IpcRouter, SenderInfo } from '../../core/ipc/router.ts';

/** What the router needs to know about who sent an invoke. */
export function senderOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderInfo {
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
