import { create } from 'zustand';
import type { KeyStatus } from '../../../shared/key-status.ts';
import type { Notice } from '../../../shared/notices.ts';
import type { SettingsView } from '../../../shared/settings.ts';

export type Tab = 'create' | 'library';

export interface Toast {
  id: string;
  level: Notice['level'];
  message: string;
}

/**
 * The renderer mirrors what the main process owns (key status, settings) and keeps
 * only UI state of its own (tab, dialogs, toasts).
 */
export interface StudioState {
  ready: boolean;
  keyStatus: KeyStatus | null;
  settings: SettingsView | null;
  tab: Tab;
  settingsOpen: boolean;
  queueCollapsed: boolean;
  toasts: Toast[];
  setKeyStatus(status: KeyStatus): void;
  setSettings(view: SettingsView): void;
  setTab(tab: Tab): void;
  setSettingsOpen(open: boolean): void;
  toggleQueue(): void;
  pushToast(toast: Toast): void;
  dismissToast(id: string): void;
  markReady(): void;
}

export const useStudio = create<StudioState>()((set) => ({
  ready: false,
  keyStatus: null,
  settings: null,
  tab: 'create',
  settingsOpen: false,
  queueCollapsed: false,
  toasts: [],
  setKeyStatus: (keyStatus) => set({ keyStatus }),
  setSettings: (settings) => set({ settings }),
  setTab: (tab) => set({ tab }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  toggleQueue: () => set((s) => ({ queueCollapsed: !s.queueCollapsed })),
  // Notices can arrive twice (pending list and live event): keep one per id.
  pushToast: (toast) => set((s) => (s.toasts.some((t) => t.id === toast.id) ? s : { toasts: [...s.toasts, toast] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  markReady: () => set({ ready: true }),
}));

let localToastId = 0;
export function toast(level: Toast['level'], message: string): void {
  localToastId += 1;
  useStudio.getState().pushToast({ id: `local-${localToastId}`, level, message });
}
