import { create } from 'zustand';
import type { BatchPlanView } from '../../../../shared/inputs.ts';

/** A batch waiting for the person's confirmation (shown by the create tab). */
export const pendingBatch = create<{ plan: BatchPlanView | null; set: (plan: BatchPlanView | null) => void }>()((set) => ({
  plan: null,
  set: (plan) => set({ plan }),
}));
