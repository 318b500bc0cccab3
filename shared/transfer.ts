import { z } from 'zod';

/** Bytes moved so far for a generation: its inputs going up, or a take coming down. */
export const TransferSchema = z.object({
  phase: z.enum(['upload', 'download']),
  /** Bytes sent or received so far. */
  done: z.number().nonnegative(),
  /** Bytes in all, when known (a download without a length has none). */
  total: z.number().nonnegative().nullable(),
});
export type Transfer = z.infer<typeof TransferSchema>;
