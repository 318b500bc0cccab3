import { z } from 'zod';

/** User preferences kept in the app-data folder (never secrets, never window geometry). */
export const SettingsSchema = z
  .object({
    version: z.literal(1),
    /** null means the platform default (~/Documents/Avatar Studio). */
    projectsRoot: z.string().min(1).nullable(),
    notifications: z.boolean(),
    /** Refuse to submit work that would push a project's spend past this many dollars. */
    budgetCapUSD: z.number().positive().max(1_000_000).nullable(),
    /** Saved prompts, offered in the composer. */
    promptPresets: z
      .array(z.object({ name: z.string().min(1).max(80), prompt: z.string().min(2).max(3000) }).strict())
      .max(200)
      .default([]),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  projectsRoot: null,
  notifications: true,
  budgetCapUSD: null,
  promptPresets: [],
};

export const SettingsPatchSchema = SettingsSchema.omit({ version: true }).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/**
 * What the window may change: everything but pointing the projects folder somewhere. A new
 * folder is chosen only in the dialog main runs (settings:chooseProjectsRoot); the window
 * may only reset it to the default.
 */
export const WindowSettingsPatchSchema = SettingsPatchSchema.extend({ projectsRoot: z.null().optional() }).strict();
export type WindowSettingsPatch = z.infer<typeof WindowSettingsPatchSchema>;

export const SettingsViewSchema = z
  .object({
    settings: SettingsSchema,
    /** The folder used when `projectsRoot` is null, resolved for this machine. */
    defaultProjectsRoot: z.string(),
  })
  .strict();
export type SettingsView = z.infer<typeof SettingsViewSchema>;
