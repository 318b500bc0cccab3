import { z } from 'zod';

/** What `doctor` checks, in the order it reports them. */
export const DOCTOR_CHECK_IDS = [
  'ffmpeg',
  'ffprobe',
  'projects-folder',
  'app-data',
  'api-key',
  'endpoint',
  'key-accepted',
  'poll-batching',
  'task-details',
  'clock',
] as const;
export type DoctorCheckId = (typeof DOCTOR_CHECK_IDS)[number];

export const DoctorCheckSchema = z
  .object({
    id: z.enum(DOCTOR_CHECK_IDS),
    ok: z.boolean(),
    detail: z.string().max(1000),
    /** Passed with a caveat the person should know (the app works around it): `ok` stays true. */
    warning: z.boolean().optional(),
  })
  .strict();
export type DoctorCheck = z.infer<typeof DoctorCheckSchema>;

export const DoctorReportSchema = z
  .object({
    /** Every required check passed (warnings do not count against it). */
    ok: z.boolean(),
    checks: z.array(DoctorCheckSchema).max(DOCTOR_CHECK_IDS.length),
  })
  .strict();
export type DoctorReport = z.infer<typeof DoctorReportSchema>;
