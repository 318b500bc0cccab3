import { call, messageOf, studio } from '../../ipc/studio.ts';
import { command } from '../../app/command.ts';
import { toast } from '../../app/ui-store.ts';
import { useSources } from '../create/sources/source-store.ts';
import { useComposer } from '../create/composer-store.ts';
import { restoreComposer } from '../create/composer-memory.ts';
import { useProjects } from './projects-store.ts';

const LAST_PROJECT = 'avatar-studio:last-project';

let latestLoad: Promise<void> = Promise.resolve();

export function loadProjects(): Promise<void> {
  const load = (async () => {
    const listing = await call(studio().projects.list());
    useProjects.getState().setList(listing.root, listing.projects);
    for (const bad of listing.unreadable) toast('warning', `The project “${bad.dir}” could not be opened: ${bad.reason}`);
  })();
  latestLoad = load.catch(() => undefined);
  return load;
}

/**
 * Waits for the project list to show a create, rename or archive that main has just
 * answered. Main announces each one (projects:changed, which reloads the list) before
 * its answer arrives, so the newest load already includes it: listing every project
 * a second time would only repeat it.
 */
export function projectsReloaded(): Promise<void> {
  return latestLoad;
}

export async function openProject(dir: string): Promise<void> {
  const projects = useProjects.getState();
  if (projects.current?.dir === dir) return;
  projects.setOpening(true);
  try {
    const view = await call(studio().projects.open({ projectDir: dir }));
    projects.setCurrent(view.project, view.generations, view.unreadable, view.trashed, view.total, view.paidMediaUSD);
    if (view.total > view.generations.length) loadTheRest(dir);
    useComposer.getState().reset(view.project.defaults);
    useSources.getState().forgetMade();
    restoreComposer(dir);
    localStorage.setItem(LAST_PROJECT, dir);
    for (const bad of view.unreadable) toast('warning', `Skipped the generation “${bad.id}”: ${bad.reason}. Its folder was left as it is.`);
  } catch (error) {
    projects.setOpening(false);
    toast('error', messageOf(error));
  }
}

/**
 * A big project opens with its newest page; the rest is asked for once the first cards
 * have painted, so opening never waits for thousands of summaries.
 */
function loadTheRest(dir: string): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      void call(studio().generations.list({ projectDir: dir }))
        .then((all) => useProjects.getState().completeGenerations(dir, all.generations))
        .catch((error: unknown) => toast('error', `Only the newest videos could be listed: ${messageOf(error)}`));
    }, 0),
  );
}

/** Opens the project used last time, else the first one. */
export async function openInitialProject(): Promise<void> {
  const { list } = useProjects.getState();
  const last = localStorage.getItem(LAST_PROJECT);
  const target = list.find((p) => p.dir === last) ?? list[0];
  if (target) await openProject(target.dir);
}

export async function createProject(name: string): Promise<boolean> {
  try {
    const project = await call(studio().projects.create({ name }));
    await projectsReloaded();
    await openProject(project.dir);
    return true;
  } catch (error) {
    toast('error', messageOf(error));
    return false;
  }
}

export function currentDir(): string | null {
  return useProjects.getState().current?.dir ?? null;
}

/** Renames a project (its folder follows when it is free), and opens it again under its new name if it was open. */
export async function renameProject(dir: string, name: string): Promise<void> {
  const renamed = await command(() => call(studio().projects.rename({ projectDir: dir, name })));
  if (!renamed) return;
  await projectsReloaded();
  if (useProjects.getState().current?.dir === dir) {
    useProjects.setState({ current: null });
    await openProject(renamed.dir);
  }
}

/** Archives a project: its folder is untouched, it no longer shows in the list. */
export async function archiveProject(dir: string, name: string): Promise<void> {
  if ((await command(() => call(studio().projects.archive({ projectDir: dir, archived: true })))) === null) return;
  toast('info', `Archived “${name}”. Its folder is untouched; it no longer shows here.`);
  // Main's projects:changed reloads the list without it.
  if (useProjects.getState().current?.dir === dir) useProjects.getState().setCurrent(null, [], []);
}

/** Shows the project's folder in the file manager (opening the project first). */
export async function revealProject(dir: string): Promise<void> {
  await openProject(dir);
  await command(() => call(studio().projects.reveal({ projectDir: dir })));
}
