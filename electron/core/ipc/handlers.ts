import { AppError } from '../../../shared/errors.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import { isSafeExternalUrl } from '../../../shared/security/external-url.ts';
import type { NoticeCenter } from '../app/notices.ts';
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
}

/** Every contract channel, implemented on the core services. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { keyStore, settings, notices, platform } = deps;
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
    'key:setWeakPersistence': ({ allowed }) => keyStore.setWeakPersistence(allowed),

    'settings:get': () => settings.view(),
    'settings:update': (patch) => settings.update(patch),
  };
}
