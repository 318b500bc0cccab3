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
