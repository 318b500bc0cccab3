import { messageOf } from '../ipc/studio.ts';
import { toast } from './ui-store.ts';

/** Runs a generation command and reports a refusal as a toast. */
export async function command<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    toast('error', messageOf(error));
    return null;
  }
}
