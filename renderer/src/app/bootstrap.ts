import { call, studio } from '../ipc/studio.ts';
import { useStudio } from '../store/studio-store.ts';

/**
 * Subscribes to main's events first, then reads the current state, so nothing that
 * changes in between is missed. Returns the unsubscribe function.
 */
export async function bootstrap(): Promise<() => void> {
  const api = studio();
  const store = useStudio.getState();
  const offs = [
    api.key.onChanged((status) => store.setKeyStatus(status)),
    api.settings.onChanged((view) => store.setSettings(view)),
    api.app.onNotice((notice) => store.pushToast(notice)),
  ];
  const [keyStatus, settings, notices] = await Promise.all([
    call(api.key.getStatus()),
    call(api.settings.get()),
    call(api.app.takeNotices()),
  ]);
  store.setKeyStatus(keyStatus);
  store.setSettings(settings);
  for (const notice of notices) store.pushToast(notice);
  store.markReady();
  return () => {
    for (const off of offs) off();
  };
}
