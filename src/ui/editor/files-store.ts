/**
 * The editor's files (tabs): persisted in IndexedDB and mirrored to the worker, so `kubectl apply -f
 * <name>` in the terminal reads exactly what the tab holds.
 */
import { create } from 'zustand';
import { lab } from '../lab/client';
import { loadValue, saveValue } from '../persist/ui-db';

export interface EditorFile {
  path: string;
  content: string;
}

export interface FilesState {
  files: EditorFile[];
  active: string;
  loaded: boolean;
}

const KEY = 'editor-files';

export const SAMPLE_PATH = 'deployment.yaml';
export const SAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

export const useFiles = create<FilesState>(() => ({
  files: [{ path: SAMPLE_PATH, content: SAMPLE }],
  active: SAMPLE_PATH,
  loaded: false,
}));

let syncTimer: ReturnType<typeof setTimeout> | undefined;

function persist(): void {
  clearTimeout(syncTimer);
  syncTimer = setTimeout(() => {
    const { files, active } = useFiles.getState();
    lab().setFiles(Object.fromEntries(files.map((f) => [f.path, f.content])));
    void saveValue(KEY, { files, active });
  }, 150);
}

export async function loadFiles(): Promise<void> {
  const saved = await loadValue<{ files: EditorFile[]; active: string }>(KEY);
  if (saved && Array.isArray(saved.files) && saved.files.length > 0) {
    useFiles.setState({ files: saved.files, active: saved.active, loaded: true });
  } else useFiles.setState({ loaded: true });
  const { files } = useFiles.getState();
  lab().setFiles(Object.fromEntries(files.map((f) => [f.path, f.content])));
}

export function setContent(path: string, content: string): void {
  useFiles.setState((s) => ({ files: s.files.map((f) => (f.path === path ? { ...f, content } : f)) }));
  persist();
}

/** Open (or replace) a file and make it the active tab: `kubectl edit`, lesson files, "new file". */
export function openFile(path: string, content: string): void {
  useFiles.setState((s) => ({
    files: s.files.some((f) => f.path === path)
      ? s.files.map((f) => (f.path === path ? { path, content } : f))
      : [...s.files, { path, content }],
    active: path,
  }));
  persist();
}

export function setActive(path: string): void {
  useFiles.setState({ active: path });
  persist();
}

export function closeFile(path: string): void {
  useFiles.setState((s) => {
    const files = s.files.filter((f) => f.path !== path);
    const active = s.active === path ? (files[files.length - 1]?.path ?? '') : s.active;
    return { files, active };
  });
  persist();
}

/** A fresh name like `untitled-2.yaml` that no tab uses. */
export function newFileName(): string {
  const taken = new Set(useFiles.getState().files.map((f) => f.path));
  for (let i = 1; ; i++) {
    const name = `untitled-${i}.yaml`;
    if (!taken.has(name)) return name;
  }
}
