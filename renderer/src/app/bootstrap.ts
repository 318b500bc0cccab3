import { call, studio } from '../ipc/studio.ts';
import { loadProjects, openInitialProject } from '../features/projects/actions.ts';
import { useProjects } from '../features/projects/projects-store.ts';
import { rememberComposer } from '../features/create/composer-memory.ts';
import { useStudio } from './ui-store.ts';

/**
 * Subscribes to main's events first, then reads the current state, so nothing that
 * changes in between is missed. Returns the unsubscribe function.
 */
export async function bootstrap(): Promise<() => void> {
  const api = studio();
  const store = useStudio.getState();
  const projects = useProjects.getState();
  const offs = [
    api.key.onChanged((status) => store.setKeyStatus(status)),
    // A new projects folder arrives as projects:changed too.
    api.settings.onChanged((view) => store.setSettings(view)),
    api.app.onNotice((notice) => store.pushToast(notice)),
    api.projects.onChanged(() => void loadProjects()),
    api.generations.onChanged(({ projectDir, generation }) => projects.upsert(projectDir, generation)),
    api.generations.onProgress(({ projectDir, id, progress, etaSec }) => projects.setProgress(projectDir, id, progress, etaSec)),
    api.generations.onExportProgress(({ id, fraction }) => projects.setExportProgress(id, fraction)),
    api.generations.onTransfer(({ projectDir, id, transfer }) => projects.setTransfer(projectDir, id, transfer)),
    api.queue.onChanged((queue) => projects.setQueue(queue)),
    rememberComposer(() => useProjects.getState().current?.dir ?? null),
  ];
  const [info, keyStatus, settings, notices, queue] = await Promise.all([
    call(api.app.getInfo()),
    call(api.key.getStatus()),
    call(api.settings.get()),
    call(api.app.takeNotices()),
    call(api.queue.get()),
  ]);
  store.setAppInfo(info);
  store.setKeyStatus(keyStatus);
  store.setSettings(settings);
  projects.setQueue(queue);
  for (const notice of notices) store.pushToast(notice);
  await loadProjects();
  await openInitialProject();
  store.markReady();
  return () => {
    for (const off of offs) off();
  };
}
