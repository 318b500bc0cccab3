import { create } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import type { KeyStatus } from '../../../shared/key-status.ts';
import type { Notice } from '../../../shared/notices.ts';
import type { SettingsView } from '../../../shared/settings.ts';

export type Tab = 'create' | 'library';

export interface Toast {
  id: string;
  level: Notice['level'];
  message: string;
  /** An action button (e.g. Undo). */
  action?: { label: string; run: () => void };
}

/**
 * The renderer mirrors what the main process owns (key status, settings) and keeps
 * only UI state of its own (tab, dialogs, toasts).
 */
export interface StudioState {
  ready: boolean;
  appInfo: AppInfo | null;
  helpOpen: boolean;
  keyStatus: KeyStatus | null;
  settings: SettingsView | null;
  tab: Tab;
  settingsOpen: boolean;
  queueCollapsed: boolean;
  toasts: Toast[];
  setAppInfo: (info: AppInfo) => void;
  setHelpOpen: (open: boolean) => void;
  setKeyStatus: (status: KeyStatus) => void;
  setSettings: (view: SettingsView) => void;
  setTab: (tab: Tab) => void;
  setSettingsOpen: (open: boolean) => void;
  toggleQueue: () => void;
  pushToast: (toast: Toast) => void;
  dismissToast: (id: string) => void;
  markReady: () => void;
}

export const useStudio = create<StudioState>()((set) => ({
  ready: false,
  appInfo: null,
  helpOpen: false,
  setAppInfo: (appInfo) => set({ appInfo }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
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
export function toast(level: Toast['level'], message: string, action?: Toast['action']): string {
  localToastId += 1;
  const id = `local-${localToastId}`;
  useStudio.getState().pushToast({ id, level, message, ...(action ? { action } : {}) });
  return id;
}
