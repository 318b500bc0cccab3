import { z } from 'zod';
import { AuroraSettingsSchema, DEFAULT_AURORA_SETTINGS } from './aurora.ts';

export const ProjectDefaultsSchema = z.object({
  settings: AuroraSettingsSchema,
  /** Bring every clip to one loudness (EBU R128) before sending. */
  normalizeLoudness: z.boolean(),
});
export type ProjectDefaults = z.infer<typeof ProjectDefaultsSchema>;

export const DEFAULT_PROJECT_DEFAULTS: ProjectDefaults = {
  settings: DEFAULT_AURORA_SETTINGS,
  normalizeLoudness: false,
};

export const DEFAULT_OUTPUT_NAME_TEMPLATE = '{project}_{image}_{audio}_{take}';

/** `project.json`: what makes a folder a project. */
export const ProjectFileSchema = z.object({
  schemaVersion: z.literal(1),
  /** Stable across renames and moves. */
  id: z.string(),
  name: z.string().min(1),
  createdAt: z.string(),
  archived: z.boolean().default(false),
  defaults: ProjectDefaultsSchema.default(DEFAULT_PROJECT_DEFAULTS),
  outputNameTemplate: z.string().default(DEFAULT_OUTPUT_NAME_TEMPLATE),
  /**
   * Made in the demo: its generations go to the built-in stand-in, never to Runware, and cost
   * nothing. Outside the demo nothing in it is sent or resumed (and the reverse).
   */
  demo: z.boolean().default(false),
});
export type ProjectFile = z.infer<typeof ProjectFileSchema>;

export const ProjectSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Absolute folder path (inside the projects root for listed projects). */
  dir: z.string(),
  archived: z.boolean(),
  createdAt: z.string(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

/** A project in the sidebar: with what it has cost so far. */
export const ProjectListItemSchema = ProjectSummarySchema.extend({
  /** Everything paid, the generations in its trash included. */
  spentUSD: z.number().nonnegative(),
  generationCount: z.number().int().nonnegative(),
});
export type ProjectListItem = z.infer<typeof ProjectListItemSchema>;

/** Long enough for any real name; folder names are shortened further on disk. */
export const PROJECT_NAME_MAX = 100;

/**
 * Why a project name cannot be used, or null when it can: not empty, no control
 * characters (NUL included), not too long, and not a name Windows reserves for devices.
 */
export function projectNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Give the project a name.';
  if (/\p{Cc}/u.test(trimmed)) return 'A project name cannot contain control characters (such as tabs or line breaks).';
  if ([...trimmed].length > PROJECT_NAME_MAX) return `A project name can be at most ${PROJECT_NAME_MAX} characters long.`;
  if (/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i.test(trimmed))
    return `“${trimmed}” is a name Windows keeps for devices; choose another.`;
  return null;
}
