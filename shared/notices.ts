import { z } from 'zod';

/** A message the main process wants a person to read (shown as a toast). */
export const NoticeSchema = z
  .object({
    id: z.string(),
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
  })
  .strict();
export type Notice = z.infer<typeof NoticeSchema>;
