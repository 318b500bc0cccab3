/**
 * Type-level tests of the IPC contract (run by `vitest --typecheck` in the unit suite
 * and by `npm run typecheck`): adding a channel without its handler, its preload
 * method or its name for the preload fails here.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type { createHandlers } from '../../electron/core/ipc/handlers.ts';
import type { StudioApi } from '../../shared/ipc/bridge.ts';
import type { ChannelName, ChannelOutput, EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/names.ts';
import type { IpcResult } from '../../shared/ipc/result.ts';
import type { KeyStatus } from '../../shared/key-status.ts';

type Api = StudioApi<File>;
type Domains = Exclude<keyof Api, 'getPathForFile'>;

/** `domain:method` for every request method of the API (promise-returning members). */
type ApiChannels = {
  [D in Domains]: {
    [M in keyof Api[D] & string]: Api[D][M] extends (...args: never[]) => Promise<unknown> ? `${D}:${M}` : never;
  }[keyof Api[D] & string];
}[Domains];

/** `domain:thing` for every `onThing` subscription of the API. */
type ApiEvents = {
  [D in Domains]: {
    [M in keyof Api[D] & string]: M extends `on${infer T}` ? `${D}:${Uncapitalize<T>}` : never;
  }[keyof Api[D] & string];
}[Domains];

describe('IPC contract', () => {
  test('every channel has a main-process handler, and no handler lacks a channel', () => {
    expectTypeOf<keyof ReturnType<typeof createHandlers>>().toEqualTypeOf<ChannelName>();
  });

  test('every channel has a window.studio method, and no method lacks a channel', () => {
    expectTypeOf<ApiChannels>().toEqualTypeOf<ChannelName>();
  });

  test('every event has a window.studio subscription', () => {
    expectTypeOf<ApiEvents>().toEqualTypeOf<EventName>();
  });

  test('the preload is built from every channel and event name', () => {
    expectTypeOf<(typeof CHANNEL_NAMES)[number]>().toEqualTypeOf<ChannelName>();
    expectTypeOf<(typeof EVENT_NAMES)[number]>().toEqualTypeOf<EventName>();
  });

  test('methods take the contract input and resolve to the contract output', () => {
    expectTypeOf<Api['key']['set']>().parameters.toEqualTypeOf<[{ key: string }]>();
    expectTypeOf<Api['key']['getStatus']>().parameters.toEqualTypeOf<[]>();
    expectTypeOf<ReturnType<Api['key']['getStatus']>>().toEqualTypeOf<Promise<IpcResult<ChannelOutput<'key:getStatus'>>>>();
    expectTypeOf<ChannelOutput<'key:getStatus'>>().toEqualTypeOf<KeyStatus>();
  });

  test('subscriptions hand the event payload to the listener and return an unsubscribe function', () => {
    expectTypeOf<Api['key']['onChanged']>().parameter(0).parameter(0).toEqualTypeOf<EventPayload<'key:changed'>>();
    expectTypeOf<ReturnType<Api['key']['onChanged']>>().toEqualTypeOf<() => void>();
  });
});
