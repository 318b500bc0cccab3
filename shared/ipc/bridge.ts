/**
 * `window.studio`: its type is derived from the contract, and one builder makes it
 * for both the Electron preload and the browser test harness.
 */
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from './contract.ts';
import type { IpcResult } from './result.ts';

type DomainOf<N extends string> = N extends `${infer D}:${string}` ? D : never;
type Domain = DomainOf<ChannelName | EventName>;

type Method<C extends ChannelName> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<IpcResult<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

export type Unsubscribe = () => void;
type Subscribe<E extends EventName> = (listener: (payload: EventPayload<E>) => void) => Unsubscribe;

type DomainApi<D extends string> = {
  [C in ChannelName as C extends `${D}:${infer M}` ? M : never]: Method<C>;
} & {
  [E in EventName as E extends `${D}:${infer N}` ? `on${Capitalize<N>}` : never]: Subscribe<E>;
};

/** `TFile` is the DOM `File` in the renderer; shared code cannot name DOM types. */
export type StudioApi<TFile = unknown> = { [D in Domain]: DomainApi<D> } & {
  /** Absolute path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  getPathForFile(file: TFile): string;
};

export interface BridgeTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the domain objects from channel and event names. Self-contained on purpose
 * (no imports, no outer references): the E2E harness injects its source text into
 * the page, so the browser runs exactly this code.
 */
export function buildStudioApi(
  names: { channels: readonly string[]; events: readonly string[] },
  transport: BridgeTransport,
): Record<string, Record<string, unknown>> {
  const api: Record<string, Record<string, unknown>> = {};
  const domain = (name: string): [Record<string, unknown>, string] => {
    const at = name.indexOf(':');
    const key = name.slice(0, at);
    api[key] = api[key] || {};
    return [api[key], name.slice(at + 1)];
  };
  for (const channel of names.channels) {
    const [target, method] = domain(channel);
    target[method] = (input?: unknown) => transport.invoke(channel, input);
  }
  for (const event of names.events) {
    const [target, thing] = domain(event);
    target['on' + thing.charAt(0).toUpperCase() + thing.slice(1)] = (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${event}: listener must be a function`);
      return transport.subscribe(event, listener as (payload: unknown) => void);
    };
  }
  return api;
}
