import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../shared/ipc/contract.ts';

/** A channel that answers nothing may be handled by a function returning void. */
type Answer<C extends ChannelName> = [ChannelOutput<C>] extends [undefined] ? void | undefined : ChannelOutput<C>;

/** One handler per contract channel: a missing one is a compile error. */
export type Handlers = {
  [C in ChannelName]: (input: ChannelInput<C>) => Promise<Answer<C>> | Answer<C>;
};

/** Main→renderer events go through one sink (webContents.send in Electron, page.evaluate in tests). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
