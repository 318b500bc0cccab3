import { AppError } from '../../../shared/errors.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import { isSafeExternalUrl } from '../../../shared/security/external-url.ts';
import type { NoticeCenter } from '../app/notices.ts';
import type { StudioSession } from '../app/studio-session.ts';
import type { JobEngine } from '../jobs/job-engine.ts';
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
  session: StudioSession;
  engine: JobEngine;
  now?: () => Date;
}

/** Every contract channel, implemented on the core services. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { keyStore, settings, notices, platform, runware, session, engine } = deps;
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
    'settings:chooseProjectsRoot': async () => {
      const folder = await platform.chooseFolder({ title: 'Choose the folder for your projects', defaultPath: settings.projectsRoot() });
      return folder ? settings.update({ projectsRoot: folder }) : null;
    },

    'projects:list': () => session.listProjects(),
    'projects:create': ({ name }) => session.createProject(name),
    'projects:open': async ({ projectDir }) => {
      const { project, generations, unreadable, trashed } = await session.openProject(projectDir);
      return { project: { ...project.info, dir: project.dir }, generations, unreadable, trashed };
    },
    'projects:rename': ({ projectDir, name }) => session.renameProject(projectDir, name),
    'projects:archive': ({ projectDir, archived }) => session.archiveProject(projectDir, archived),
    'projects:setDefaults': ({ projectDir, defaults }) => session.setDefaults(projectDir, defaults),
    'projects:setNameTemplate': ({ projectDir, template }) => session.setNameTemplate(projectDir, template),
    'projects:reveal': ({ projectDir }) => session.reveal(projectDir),

    'inputs:pick': ({ kind }) =>
      platform.chooseFiles({
        title: { image: 'Choose a portrait', audio: 'Choose a voice', any: 'Choose portraits and voices', manifest: 'Choose a batch list' }[kind],
        kind,
        multiple: kind === 'any',
      }),
    'inputs:splitPlan': ({ projectDir, file, startSec, endSec }) => session.splitPlan(projectDir, file, startSec, endSec),
    'inputs:import': ({ projectDir, path }) => session.importInput(projectDir, path),
    'inputs:importBytes': ({ projectDir, name, bytes }) => session.importBytes(projectDir, name, bytes),
    'inputs:peaks': ({ projectDir, file, buckets }) => session.peaks(projectDir, file, buckets),
    'inputs:speechBounds': ({ projectDir, file, durationSec }) => session.speechBounds(projectDir, file, durationSec),

    'generations:list': ({ projectDir }) => session.listGenerations(projectDir),
    'generations:create': (input) => session.createGeneration(input),
    'generations:createSequence': (input) => session.createSequence(input),
    'generations:retryPart': ({ projectDir, id, part }) => session.retryPart(projectDir, id, part),
    'generations:get': ({ projectDir, id }) => session.getGeneration(projectDir, id),
    'generations:cancel': ({ projectDir, id }) => session.cancel(projectDir, id),
    'generations:retry': ({ projectDir, id }) => session.retry(projectDir, id),
    'generations:reorder': ({ projectDir, id, position }) => session.reorder(projectDir, id, position),
    'generations:update': ({ projectDir, id, name, favorite }) => session.update(projectDir, id, { name, favorite }),
    'generations:trash': ({ projectDir, id }) => session.trash(projectDir, id),
    'generations:restore': ({ projectDir, id }) => session.restore(projectDir, id),
    'generations:reveal': ({ projectDir, id }) => session.reveal(projectDir, id),
    'generations:revealExport': ({ projectDir, file }) => session.revealExport(projectDir, file),
    'generations:export': (input) => session.exportTake(input),

    'batches:plan': (input) => session.planBatch(input),
    'batches:start': ({ projectDir, planId }) => session.startBatch(projectDir, planId),

    'queue:get': () => engine.summary(),
    'queue:pause': () => {
      engine.pause();
      return engine.summary();
    },
    'queue:resume': () => {
      engine.resume();
      return engine.summary();
    },
  };
}
