/**
 * Channel and event names as plain strings, without the schemas, so the sandboxed
 * preload stays a small file. The compiler checks these lists against the contract
 * in both directions: a channel cannot be added to one and forgotten in the other.
 */
import type { ChannelName, EventName } from './contract.ts';

export const CHANNEL_NAMES = [
  'app:getInfo',
  'app:takeNotices',
  'app:demo',
  'app:openExternal',
  'app:checkSetup',
  'key:getStatus',
  'key:set',
  'key:remove',
  'key:test',
  'key:setWeakPersistence',
  'settings:get',
  'settings:update',
  'settings:chooseProjectsRoot',
  'projects:list',
  'projects:create',
  'projects:open',
  'projects:rename',
  'projects:archive',
  'projects:setDefaults',
  'projects:setNameTemplate',
  'projects:reveal',
  'inputs:pick',
  'inputs:splitPlan',
  'inputs:import',
  'inputs:importBytes',
  'inputs:peaks',
  'inputs:speechBounds',
  'speech:models',
  'speech:preview',
  'portraits:describe',
  'recordings:start',
  'recordings:append',
  'recordings:finish',
  'recordings:discard',
  'recordings:unfinished',
  'recordings:recover',
  'generations:list',
  'generations:create',
  'generations:createSequence',
  'generations:retryPart',
  'generations:get',
  'generations:cancel',
  'generations:retry',
  'generations:makeFinal',
  'generations:reorder',
  'generations:update',
  'generations:trash',
  'generations:restore',
  'generations:reveal',
  'generations:revealExport',
  'generations:export',
  'batches:plan',
  'batches:start',
  'queue:get',
  'queue:pause',
  'queue:resume',
] as const satisfies readonly ChannelName[];

export const EVENT_NAMES = [
  'key:changed',
  'settings:changed',
  'app:notice',
  'projects:changed',
  'generations:changed',
  'generations:progress',
  'generations:exportProgress',
  'generations:transfer',
  'queue:changed',
] as const satisfies readonly EventName[];

type Missing<All, Listed> = Exclude<All, Listed>;
/** Fails to compile, naming the channel, when a contract entry is missing above. */
export const allChannelsListed: [Missing<ChannelName, (typeof CHANNEL_NAMES)[number]>] extends [never]
  ? true
  : Missing<ChannelName, (typeof CHANNEL_NAMES)[number]> = true;
export const allEventsListed: [Missing<EventName, (typeof EVENT_NAMES)[number]>] extends [never]
  ? true
  : Missing<EventName, (typeof EVENT_NAMES)[number]> = true;

/**
 * Not a window.studio method: the preload alone sends it, with the path webUtils read from
 * a File the person dropped, so main knows the window may name that file. A page cannot
 * send it (it has no ipcRenderer) nor make webUtils answer for a file it made up.
 */
export const GRANT_DROPPED_FILE = 'grant:droppedFile';
