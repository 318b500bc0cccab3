import { z } from 'zod';

export const WindowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 680;
export const DEFAULT_SIZE = { width: 1440, height: 900 };

/** How much of the window must stay on a display to count as reachable. */
const GRIP = 120;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Restores the last window geometry when it is still reachable: a monitor that was
 * unplugged must not leave the window off-screen. Otherwise the window is centred
 * on the primary display, no larger than it.
 */
export function restoreBounds(
  saved: WindowBounds | null,
  workAreas: readonly Rect[],
): { bounds: Rect | { width: number; height: number }; maximized: boolean } {
  const primary = workAreas[0];
  if (saved) {
    const width = Math.max(saved.width, MIN_WIDTH);
    const height = Math.max(saved.height, MIN_HEIGHT);
    const rect = { x: saved.x, y: saved.y, width, height };
    const reachable = workAreas.some((area) => {
      const o = overlap(rect, area);
      return o.width >= GRIP && o.height >= GRIP;
    });
    if (reachable) return { bounds: rect, maximized: saved.maximized };
  }
  if (!primary) return { bounds: { ...DEFAULT_SIZE }, maximized: saved?.maximized ?? false };
  const width = Math.min(saved?.width ?? DEFAULT_SIZE.width, primary.width);
  const height = Math.min(saved?.height ?? DEFAULT_SIZE.height, primary.height);
  return {
    bounds: {
      x: Math.round(primary.x + (primary.width - width) / 2),
      y: Math.round(primary.y + (primary.height - height) / 2),
      width,
      height,
    },
    maximized: saved?.maximized ?? false,
  };
}
