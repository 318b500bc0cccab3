/** Shown on every demo video, so nobody mistakes a still portrait for Aurora's work. */
export const DEMO_BADGE = 'Demo — no lip-sync: your portrait held still over your audio';

/** What the demo is, said once where it can be left. */
export const DEMO_EXPLAINED =
  'Demo: a stand-in on this computer answers instead of Runware. Nothing is sent or billed, and videos are your portrait held still over your audio.';
