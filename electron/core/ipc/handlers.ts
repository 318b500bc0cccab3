import { AppError } from '../../../shared/errors.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import type { DoctorReport } from '../../../shared/doctor.ts';
import { isSafeExternalUrl } from '../../../shared/security/external-url.ts';
import type { NoticeCenter } from '../shell/notices.ts';
import { summarise } from '../../../shared/generation.ts';
import { firstPage } from '../../../shared/generation-page.ts';
import type { Studio } from '../studio/studio.ts';
import type { PathGrants } from './path-grants.ts';
import type { RunwareClient } from '../runware/runware-client.ts';
import type { KeyStore } from '../secrets/key-store.ts';
import { normaliseApiKey } from '../secrets/api-key-format.ts';
import { isRunwareError } from '../runware/runware-error.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Handlers } from './handlers-type.ts';
import type { Platform } from '../shell/platform.ts';

export interface HandlerDeps {
  appInfo: AppInfo;
  keyStore: KeyStore;
  settings: SettingsStore;
  notices: NoticeCenter;
  platform: Platform;
  runware: RunwareClient;
  studio: Studio;
  /** The files the person chose (drops, dialogs): the only outside paths the window may name. */
  grants: PathGrants;
  /** Checks the setup and the account for free. */
  doctor: () => Promise<DoctorReport>;
  now?: () => Date;
}

const PICK_TITLES = {
  image: 'Choose a portrait',
  audio: 'Choose a voice',
  any: 'Choose portraits and voices',
  manifest: 'Choose a batch list',
} as const;

/** Every contract channel, implemented on the core services. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { keyStore, settings, notices, platform, runware, studio, grants } = deps;
  const { projects, inputs, generations, batches, library, queue } = studio;
  /** A path from the window: one the person chose, or one inside an open project. */
  const chosen = (path: string) =>
    grants.check(
      path,
      projects.opened().map((p) => p.dir),
    );
  return {
    'app:getInfo': () => deps.appInfo,
    'app:takeNotices': () => notices.take(),
    'app:demo': ({ on }) => platform.restart({ demo: on }),
    'app:openExternal': async ({ url }) => {
      if (!isSafeExternalUrl(url)) {
        throw new AppError('unsafe_url', 'Only https links can be opened from Avatar Studio.');
      }
      await platform.openExternal(url);
    },

    'key:getStatus': () => keyStore.status(),
    // A key Runware refuses is not saved; one that cannot be checked now (offline) is.
    'key:set': async ({ key }) => {
      const candidate = normaliseApiKey(key);
      try {
        await runware.checkCandidateKey(candidate);
      } catch (error) {
        if (isRunwareError(error) && error.category === 'auth') {
          throw new AppError(
            'key_rejected',
            'Runware rejected this key, so it was not saved. Check it, or create a new one on the API Keys page at my.runware.ai.',
          );
        }
      }
      return keyStore.set(candidate);
    },
    'key:remove': () => keyStore.remove(),
    'key:test': async () => {
      if (!keyStore.getKey()) throw new AppError('key_missing', 'Add your Runware API key first, then test it.');
      await runware.checkKey();
      return { checkedAt: (deps.now?.() ?? new Date()).toISOString() };
    },
    'key:setWeakPersistence': ({ allowed }) => keyStore.setWeakPersistence(allowed),
    'app:checkSetup': () => deps.doctor(),

    'settings:get': () => settings.view(),
    'settings:update': (patch) => settings.update(patch),
    'settings:chooseProjectsRoot': async () => {
      const folder = await platform.chooseFolder({ title: 'Choose the folder for your projects', defaultPath: settings.projectsRoot() });
      return folder ? settings.update({ projectsRoot: folder }) : null;
    },

    'projects:list': () => projects.list(),
    'projects:create': ({ name }) => projects.create(name),
    'projects:open': async ({ projectDir }) => {
      const { project, generations: list, unreadable, trashed, paidMediaUSD } = await projects.open(projectDir);
      // A 5,000-video project answers with its first page; the window asks for the rest after painting it.
      return {
        project: { ...project.info, dir: project.dir },
        generations: firstPage(list),
        total: list.length,
        unreadable,
        trashed,
        paidMediaUSD,
      };
    },
    'projects:rename': ({ projectDir, name }) => projects.rename(projectDir, name),
    'projects:archive': ({ projectDir, archived }) => projects.archive(projectDir, archived),
    'projects:setDefaults': ({ projectDir, defaults }) => projects.setDefaults(projectDir, defaults),
    'projects:setNameTemplate': ({ projectDir, template }) => projects.setNameTemplate(projectDir, template),
    'projects:reveal': ({ projectDir }) => projects.reveal(projectDir),

    'inputs:pick': async ({ kind }) => {
      const picked = await platform.chooseFiles({ title: PICK_TITLES[kind], kind, multiple: kind === 'any' });
      for (const path of picked) grants.add(path);
      return picked;
    },
    'inputs:splitPlan': ({ projectDir, file, startSec, endSec }) => inputs.splitPlan(projectDir, file, startSec, endSec),
    'inputs:import': ({ projectDir, path }) => inputs.import(projectDir, chosen(path)),
    'inputs:importBytes': ({ projectDir, name, bytes }) => inputs.importBytes(projectDir, name, bytes),
    'inputs:peaks': ({ projectDir, file, buckets }) => inputs.peaks(projectDir, file, buckets),
    'inputs:speechBounds': ({ projectDir, file }) => inputs.speechBounds(projectDir, file),

    'speech:models': () => studio.voices.list(),
    'speech:preview': ({ projectDir, text, model, voice }) => studio.speech.preview(projectDir, { text, model, voice }),
    'portraits:describe': async ({ projectDir, prompt, count }) => ({
      images: (await studio.portraits.describe(projectDir, { prompt, count })).map((d) => d.image),
    }),
    'recordings:start': ({ projectDir, mimeType }) => studio.recordings.start(projectDir, mimeType),
    'recordings:append': ({ id, bytes }) => studio.recordings.append(id, bytes),
    'recordings:finish': ({ id }) => studio.recordings.finish(id),
    'recordings:discard': ({ id }) => studio.recordings.discard(id),
    'recordings:unfinished': ({ projectDir }) => studio.recordings.unfinished(projectDir),
    'recordings:recover': ({ projectDir, file }) => studio.recordings.recover(projectDir, file),

    'generations:list': ({ projectDir }) => generations.list(projectDir),
    'generations:create': ({ projectDir, ...composition }) => generations.create(projectDir, composition),
    'generations:createSequence': ({ projectDir, ...composition }) => generations.createSplit(projectDir, composition),
    'generations:retryPart': ({ projectDir, id, part }) => generations.retryPart(projectDir, id, part),
    'generations:get': ({ projectDir, id }) => generations.get(projectDir, id),
    'generations:cancel': ({ projectDir, id }) => generations.cancel(projectDir, id),
    'generations:retry': ({ projectDir, id }) => generations.retry(projectDir, id),
    'generations:makeFinal': ({ projectDir, id }) => generations.makeFinal(projectDir, id),
    'generations:reorder': ({ projectDir, id, position }) => generations.reorder(projectDir, id, position),
    'generations:update': ({ projectDir, id, name, favorite }) => library.update(projectDir, id, { name, favorite }),
    'generations:trash': ({ projectDir, id }) => library.trash(projectDir, id),
    'generations:restore': ({ projectDir, id }) => library.restore(projectDir, id),
    'generations:reveal': ({ projectDir, id }) => library.reveal(projectDir, id),
    'generations:revealExport': ({ projectDir, file }) => library.revealExport(projectDir, file),
    'generations:export': ({ projectDir, ...request }) => library.export(projectDir, request),

    'batches:plan': ({ projectDir, manifest, items, ...rest }) =>
      batches.plan(projectDir, {
        ...rest,
        // A manifest's own lines may name any file: the person chose the list.
        ...(manifest !== undefined ? { manifest: chosen(manifest) } : {}),
        ...(items !== undefined ? { items: items.map((item) => ({ ...item, image: chosen(item.image), audio: chosen(item.audio) })) } : {}),
      }),
    'batches:start': async ({ projectDir, planId }) => (await batches.start(projectDir, planId)).map(summarise),

    'queue:get': () => queue.summary(),
    'queue:pause': () => queue.pause(),
    'queue:resume': () => queue.resume(),
  };
}
