import type { EventSink } from '../../electron/core/ipc/handlers-type.ts';
import type { IpcRouter, SenderInfo } from '../../electron/core/ipc/router.ts';
import { buildStudioApi, type StudioApi } from '../../shared/ipc/bridge.ts';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/names.ts';

/**
 * `window.studio` for component tests, built by the same builder as the preload and
 * answered by the real IPC router (sender: the app's own top frame).
 */
export function createLocalBridge(sender: SenderInfo = { url: 'app://studio/index.html', isTopFrame: true }) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let router: IpcRouter | null = null;
  const emit: EventSink = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const api = buildStudioApi(
    { channels: CHANNEL_NAMES, events: EVENT_NAMES },
    {
      invoke: async (channel, payload) => {
        if (!router) throw new Error('connect() the bridge to a router first');
        // Structured clone, as IPC would: no shared references across the boundary.
        return structuredClone(await router.invoke(channel, structuredClone(payload), sender));
      },
      subscribe: (event, listener) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)?.add(listener);
        return () => listeners.get(event)?.delete(listener);
      },
    },
  );
  const studio = Object.assign(api, { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` });
  return {
    emit,
    studio: studio as unknown as StudioApi<File>,
    connect(r: IpcRouter) {
      router = r;
    },
  };
}
