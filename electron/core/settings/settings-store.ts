import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import {
  DEFAULT_SETTINGS,
  SettingsPatchSchema,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
  type SettingsView,
} from '../../../shared/settings.ts';
import type { NoticeCenter } from '../shell/notices.ts';
import { readJson, setAside, writeJsonAtomic } from '../fs/atomic-json.ts';
import type { Logger } from '../logging/logger.ts';
import { Listeners } from '../shell/listeners.ts';

export interface SettingsStoreOptions {
  dir: string;
  defaultProjectsRoot: string;
  notices: NoticeCenter;
  logger: Logger;
}

/** `settings.json` in the app-data folder: read once, written atomically on change. */
export class SettingsStore {
  readonly #o: SettingsStoreOptions;
  readonly #file: string;
  readonly #listeners = new Listeners<SettingsView>();
  #settings: Settings = DEFAULT_SETTINGS;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: SettingsStoreOptions) {
    this.#o = options;
    this.#file = join(options.dir, 'settings.json');
  }

  static async open(options: SettingsStoreOptions): Promise<SettingsStore> {
    const store = new SettingsStore(options);
    await store.#load();
    return store;
  }

  get(): Settings {
    return this.#settings;
  }

  view(): SettingsView {
    return { settings: this.#settings, defaultProjectsRoot: this.#o.defaultProjectsRoot };
  }

  /** The folder projects live in, with the default resolved. */
  projectsRoot(): string {
    return this.#settings.projectsRoot ?? this.#o.defaultProjectsRoot;
  }

  async update(patch: SettingsPatch): Promise<SettingsView> {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new AppError('settings_invalid', `That setting was not saved: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`);
    }
    const run = this.#queue.then(async () => {
      const next = SettingsSchema.parse({ ...this.#settings, ...parsed.data });
      await writeJsonAtomic(this.#file, next);
      this.#settings = next;
      const view = this.view();
      this.#listeners.emit(view);
      return view;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  onChange(listener: (view: SettingsView) => void): () => void {
    return this.#listeners.add(listener);
  }

  async #load(): Promise<void> {
    const read = await readJson(this.#file, SettingsSchema);
    if (read.kind === 'ok') this.#settings = read.value;
    if (read.kind !== 'invalid') return;
    const aside = await setAside(this.#file).catch(() => null);
    this.#o.logger.warn('settings file unreadable; using defaults', { reason: read.reason, aside });
    this.#o.notices.push(
      'warning',
      `Your settings file ${read.reason}, so Avatar Studio started with default settings.` +
        (aside ? ` The old file was kept as ${aside}.` : ''),
    );
  }
}
