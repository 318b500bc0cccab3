import { AppError } from '../../../shared/errors.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import { isSafeExternalUrl } from '../../../shared/security/external-url.ts';
import type { NoticeCenter } from '../app/notices.ts';
import type { RunwareClient } from '../runware/runware-client.ts';
import type { KeyStore } from '../secrets/key-store.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Handlers } from './handlers-type.ts';
import type { Platform } from './platform.ts';

export interface HandlerDeps {
  appInfo: AppInfo;
  keyStore: KeyStore;
  settings: SettingsStore;
  notices: NoticeCenter;
  platform: Platform;
  runware: RunwareClient;
  now?: () => Date;
}

/** Every contract channel, implemented on the core services. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { keyStore, settings, notices, platform, runware } = deps;
  return {
    'app:getInfo': () => deps.appInfo,
    'app:takeNotices': () => notices.take(),
    'app:openExternal': async ({ url }) => {
      if (!isSafeExternalUrl(url)) {
        throw new AppError('unsafe_url', 'Only https links can be opened from Avatar Studio.');
      }
      await platform.openExternal(url);
    },

    'key:getStatus': () => keyStore.status(),
    'key:set': ({ key }) => keyStore.set(key),
    'key:remove': () => keyStore.remove(),
    'key:test': async () => {
      if (!keyStore.getKey()) throw new AppError('key_missing', 'Add your Runware API key first, then test it.');
      await runware.checkKey();
      return { checkedAt: (deps.now?.() ?? new Date()).toISOString() };
    },
    'key:setWeakPersistence': ({ allowed }) => keyStore.setWeakPersistence(allowed),

    'settings:get': () => settings.view(),
    'settings:update': (patch) => settings.update(patch),
  };
}
