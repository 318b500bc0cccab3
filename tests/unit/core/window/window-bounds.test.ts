import { describe, expect, it } from 'vitest';
import { restoreBounds } from '../../../../electron/core/window/window-bounds.ts';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('restores a window that is still on a display', () => {
    const saved = { x: 2100, y: 100, width: 1500, height: 1000, maximized: false };
    expect(restoreBounds(saved, [primary, right])).toEqual({
      bounds: { x: 2100, y: 100, width: 1500, height: 1000 },
      maximized: false,
    });
  });

  it('recentres a window whose display was unplugged', () => {
    const saved = { x: 2100, y: 100, width: 1500, height: 1000, maximized: true };
    expect(restoreBounds(saved, [primary])).toEqual({
      bounds: { x: 210, y: 20, width: 1500, height: 1000 },
      maximized: true,
    });
  });

  it('never opens smaller than the minimum or larger than the display', () => {
    expect(restoreBounds({ x: 10, y: 10, width: 300, height: 200, maximized: false }, [primary]).bounds).toMatchObject({
      width: 1024,
      height: 680,
    });
    const small = { x: 0, y: 0, width: 1280, height: 700 };
    expect(restoreBounds(null, [small]).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 700 });
  });

  it('uses a centred default the first time', () => {
    expect(restoreBounds(null, [primary])).toEqual({ bounds: { x: 240, y: 70, width: 1440, height: 900 }, maximized: false });
  });
});
