/**
 * Builds `window.studio` from the shared contract: only contract channels exist,
 * every subscription returns its unsubscribe function, and dropped files get their
 * path through webUtils (File.path is gone). Sandboxed: imports only `electron`;
 * the channel names are bundled in, the schemas stay in main.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildStudioApi } from '../../shared/ipc/bridge.ts';
import { CHANNEL_NAMES, EVENT_NAMES, GRANT_DROPPED_FILE } from '../../shared/ipc/names.ts';

const api = buildStudioApi(
  { channels: CHANNEL_NAMES, events: EVENT_NAMES },
  {
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe: (event, listener) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(event, wrapped);
      return () => {
        ipcRenderer.removeListener(event, wrapped);
      };
    },
  },
);

contextBridge.exposeInMainWorld('studio', {
  ...api,
  getPathForFile: (file: File) => {
    const path = webUtils.getPathForFile(file);
    // Synchronous, so main holds the grant before the window's next request names the file.
    if (path) ipcRenderer.sendSync(GRANT_DROPPED_FILE, path);
    return path;
  },
});
