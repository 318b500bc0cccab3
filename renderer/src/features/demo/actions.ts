import { toast } from '../../app/ui-store.ts';
import { call, messageOf, studio } from '../../ipc/studio.ts';

/** Restarts Avatar Studio into the demo or back out of it. */
export async function switchDemo(on: boolean): Promise<void> {
  try {
    await call(studio().app.demo({ on }));
  } catch (error) {
    toast('error', messageOf(error));
  }
}
