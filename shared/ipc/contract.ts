/**
 * The one IPC contract between the window and the main process.
 *
 * Every request channel has a zod schema for what the renderer sends and what main
 * answers; every main→renderer event has a schema for its payload. Main parses every
 * payload against these schemas, the preload builds `window.studio` from these names,
 * and the renderer's type for `window.studio` is derived from them (see bridge.ts).
 *
 * Naming: `domain:method` becomes `window.studio.domain.method(input)`, and an event
 * `domain:thing` becomes `window.studio.domain.onThing(listener)`.
 */
import { z } from 'zod';
import { KeyStatusSchema } from '../key-status.ts';
import { NoticeSchema } from '../notices.ts';
import { SettingsPatchSchema, SettingsViewSchema } from '../settings.ts';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

const none = z.undefined();

export const AppInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    platform: z.string(),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const channels = {
  'app:getInfo': { input: none, output: AppInfoSchema },
  /** Notices raised before the window was listening (e.g. a key that no longer decrypts). */
  'app:takeNotices': { input: none, output: z.array(NoticeSchema) },
  'app:openExternal': {
    input: z.object({ url: z.string().max(2048) }).strict(),
    output: z.undefined(),
  },

  'key:getStatus': { input: none, output: KeyStatusSchema },
  'key:set': {
    input: z.object({ key: z.string().max(4096) }).strict(),
    output: KeyStatusSchema,
  },
  'key:remove': { input: none, output: KeyStatusSchema },
  /** A cheap authenticated request to Runware: does this key work? */
  'key:test': { input: none, output: z.object({ checkedAt: z.string() }).strict() },
  /** Explicit opt-in to keep the key on disk when no keyring protects it. */
  'key:setWeakPersistence': {
    input: z.object({ allowed: z.boolean() }).strict(),
    output: KeyStatusSchema,
  },

  'settings:get': { input: none, output: SettingsViewSchema },
  'settings:update': { input: SettingsPatchSchema, output: SettingsViewSchema },
} as const satisfies Record<`${string}:${string}`, ChannelSpec>;

export const events = {
  'key:changed': KeyStatusSchema,
  'settings:changed': SettingsViewSchema,
  'app:notice': NoticeSchema,
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof channels)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
