/** Page-only state (what is selected, filters, panels, preferences); never sent to the worker. */
import { create } from 'zustand';

export type Theme = 'light' | 'dark';
export type MainView = 'graph' | 'table' | 'mesh';
export type SideTab = 'inspector' | 'lesson' | 'faults';

export interface UiState {
  /** '' = all namespaces. */
  namespace: string;
  selected?: string;
  /** The graph node that holds the tab stop (roving tabindex). */
  active?: string;
  view: MainView;
  sideTab: SideTab;
  theme: Theme;
  /** Bumped by "reset layout" and "fit view". */
  layoutEpoch: number;
  fitEpoch: number;
}

const THEME_KEY = 'kubedojo.theme';

export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export const useUi = create<UiState>(() => ({
  namespace: 'default',
  view: 'graph',
  sideTab: 'inspector',
  theme: initialTheme(),
  layoutEpoch: 0,
  fitEpoch: 0,
}));

export function setTheme(theme: Theme): void {
  useUi.setState({ theme });
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Preferences are a convenience; storage may be unavailable.
  }
}

export function select(uid: string | undefined): void {
  useUi.setState({ selected: uid, ...(uid ? { active: uid, sideTab: 'inspector' as const } : {}) });
}
