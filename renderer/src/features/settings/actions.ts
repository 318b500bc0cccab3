import type { DoctorReport } from '../../../../shared/doctor.ts';
import type { KeyStatus } from '../../../../shared/key-status.ts';
import type { ProjectDefaults } from '../../../../shared/project.ts';
import type { WindowSettingsPatch, SettingsView } from '../../../../shared/settings.ts';
import { command } from '../../app/command.ts';
import { toast } from '../../app/ui-store.ts';
import { call, messageOf, studio } from '../../ipc/studio.ts';
import { useProjects } from '../projects/projects-store.ts';

// Runware's own error text sends people here; the API Keys page is inside the account.
const KEYS_PAGE = 'https://my.runware.ai/signup';

/** Key commands answer with the key's new status, or throw main's refusal for the field to show. */
export const keyActions = {
  set: (key: string): Promise<KeyStatus> => call(studio().key.set({ key })),
  remove: (): Promise<KeyStatus> => call(studio().key.remove()),
  setWeakPersistence: (allowed: boolean): Promise<KeyStatus> => call(studio().key.setWeakPersistence({ allowed })),
  /** Asks Runware whether it accepts the key (bills nothing); throws why not. */
  test: async (): Promise<void> => {
    await call(studio().key.test());
  },
};

/** Runs `doctor`'s checks (free); throws when main could not run them. */
export function checkSetup(): Promise<DoctorReport> {
  return call(studio().app.checkSetup());
}

/** Opens Runware's API Keys page in the system browser. */
export function openKeysPage(): void {
  void call(studio().app.openExternal({ url: KEYS_PAGE })).catch((e: unknown) => toast('error', messageOf(e)));
}

/** Saves general settings; main's answer (or refusal) decides what stays. */
export function updateSettings(patch: WindowSettingsPatch): Promise<SettingsView> {
  return call(studio().settings.update(patch));
}

/** Asks for another projects folder with the system's dialog; null when the person canceled. */
export async function chooseProjectsRoot(): Promise<SettingsView | null> {
  try {
    return await call(studio().settings.chooseProjectsRoot());
  } catch (e) {
    toast('error', messageOf(e));
    return null;
  }
}

/** Sets how the open project names exports and batch files; answers with an example name (throws a refusal). */
export async function setNameTemplate(template: string): Promise<string | null> {
  const project = useProjects.getState().current;
  if (!project) return null;
  const saved = await call(studio().projects.setNameTemplate({ projectDir: project.dir, template }));
  useProjects.setState({ current: { ...project, outputNameTemplate: saved.template } });
  return saved.example;
}

/** Makes `defaults` what new compositions in the open project start from. */
export async function setProjectDefaults(defaults: ProjectDefaults): Promise<void> {
  const project = useProjects.getState().current;
  if (!project) return;
  const saved = await command(() => call(studio().projects.setDefaults({ projectDir: project.dir, defaults })));
  if (!saved) return;
  useProjects.setState({ current: { ...project, defaults: saved } });
  toast('info', `New compositions in “${project.name}” now start from these settings.`);
}
