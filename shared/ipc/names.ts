/**
 * Channel and event names as plain strings, without the schemas, so the sandboxed
 * preload stays a small file. The compiler checks these lists against the contract
 * in both directions: a channel cannot be added to one and forgotten in the other.
 */
import type { ChannelName, EventName } from './contract.ts';

export const CHANNEL_NAMES = [
  'app:getInfo',
  'app:takeNotices',
  'app:openExternal',
  'key:getStatus',
  'key:set',
  'key:remove',
  'key:test',
  'key:setWeakPersistence',
  'settings:get',
  'settings:update',
] as const satisfies readonly ChannelName[];

export const EVENT_NAMES = ['key:changed', 'settings:changed', 'app:notice'] as const satisfies readonly EventName[];

type Missing<All, Listed> = Exclude<All, Listed>;
/** Fails to compile, naming the channel, when a contract entry is missing above. */
export const allChannelsListed: [Missing<ChannelName, (typeof CHANNEL_NAMES)[number]>] extends [never] ? true : Missing<ChannelName, (typeof CHANNEL_NAMES)[number]> = true;
export const allEventsListed: [Missing<EventName, (typeof EVENT_NAMES)[number]>] extends [never] ? true : Missing<EventName, (typeof EVENT_NAMES)[number]> = true;
