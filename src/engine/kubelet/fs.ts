/**
 * A container's file system view: the image's files under a writable layer (lost on restart), with
 * volumes mounted over it (ConfigMap/Secret read-only and live, emptyDir shared by the pod's containers,
 * PVC data that outlives pods).
 */
import type { FsEntry, ShellFs } from './shell/host';

const norm = (p: string) => {
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return parts.join('/');
};

/** A volume's content, addressed by paths relative to its root ('' is the root). */
export interface VolumeData {
  readOnly: boolean;
  read(rel: string): string | undefined;
  list(rel: string): FsEntry[] | undefined;
  isDir(rel: string): boolean;
  write(rel: string, content: string, append: boolean): void;
  remove(rel: string): void;
  mkdir(rel: string): void;
}

/** An in-memory writable volume (emptyDir, PVC data, a container's writable layer). */
export class MemVolume implements VolumeData {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(['']);
  readonly readOnly = false;

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.write(norm(k), v, false);
  }

  read(rel: string): string | undefined {
    return this.files.get(norm(rel));
  }

  isDir(rel: string): boolean {
    return this.dirs.has(norm(rel));
  }

  list(rel: string): FsEntry[] | undefined {
    const d = norm(rel);
    if (!this.dirs.has(d)) return undefined;
    return childEntries(d, this.files, this.dirs);
  }

  write(rel: string, content: string, append: boolean): void {
    const p = norm(rel);
    this.files.set(p, append ? (this.files.get(p) ?? '') + content : content);
    this.mkdir(p.split('/').slice(0, -1).join('/'));
  }

  remove(rel: string): void {
    const p = norm(rel);
    this.files.delete(p);
    for (const f of [...this.files.keys()]) if (f.startsWith(`${p}/`)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d === p || d.startsWith(`${p}/`)) this.dirs.delete(d);
  }

  mkdir(rel: string): void {
    const parts = norm(rel).split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }
}

/** A read-only volume whose files come from a function (a ConfigMap or Secret read live from the store). */
export class LiveVolume implements VolumeData {
  readonly readOnly = true;
  constructor(private readonly files: () => Record<string, string>) {}

  private snapshot(): { files: Map<string, string>; dirs: Set<string> } {
    const files = new Map<string, string>();
    const dirs = new Set<string>(['']);
    for (const [k, v] of Object.entries(this.files())) {
      const p = norm(k);
      files.set(p, v);
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    return { files, dirs };
  }

  read(rel: string): string | undefined {
    return this.snapshot().files.get(norm(rel));
  }
  isDir(rel: string): boolean {
    const s = this.snapshot();
    // A single-file volume (subPath '' of a file) is a file, not a directory.
    return s.dirs.has(norm(rel)) && !s.files.has(norm(rel));
  }
  list(rel: string): FsEntry[] | undefined {
    const s = this.snapshot();
    const d = norm(rel);
    return s.dirs.has(d) ? childEntries(d, s.files, s.dirs) : undefined;
  }
  write(): void {}
  remove(): void {}
  mkdir(): void {}
}

function childEntries(dir: string, files: Map<string, string>, dirs: Set<string>): FsEntry[] {
  const prefix = dir ? `${dir}/` : '';
  const out = new Map<string, FsEntry>();
  for (const [f, content] of files) {
    if (!f.startsWith(prefix)) continue;
    const name = f.slice(prefix.length).split('/')[0];
    if (name && !out.has(name))
      out.set(name, { name, dir: f.slice(prefix.length).includes('/'), size: content.length });
  }
  for (const d of dirs) {
    if (!d.startsWith(prefix) || d === dir) continue;
    const name = d.slice(prefix.length).split('/')[0];
    if (name) out.set(name, { name, dir: true, size: 4096 });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Image layers are read-only and shared by every container of the image (writes go to each container's own layer). */
const layers = new WeakMap<Record<string, string>, MemVolume>();

function imageLayer(files: Record<string, string>): MemVolume {
  let layer = layers.get(files);
  if (!layer) {
    layer = new MemVolume(files);
    for (const d of ['etc', 'tmp', 'var', 'usr', 'bin', 'proc', 'dev', 'root', 'home', 'run', 'sys'])
      layer.mkdir(d);
    layers.set(files, layer);
  }
  return layer;
}

export interface Mount {
  /** Absolute mount path without trailing slash. */
  path: string;
  volume: VolumeData;
  readOnly: boolean;
  /** subPath: one file or directory of the volume. */
  subPath?: string;
}

/** The merged view a container's processes see. */
export class ContainerFs implements ShellFs {
  private readonly mounts: Mount[];
  // The writable layer and whiteouts exist only once something writes (most containers never do).
  private _layer?: MemVolume;
  private _whiteouts?: Set<string>;
  private get layer(): MemVolume {
    this._layer ??= new MemVolume();
    return this._layer;
  }
  private get whiteouts(): Set<string> {
    this._whiteouts ??= new Set();
    return this._whiteouts;
  }
  private readonly image: MemVolume;

  constructor(imageFiles: Record<string, string>, mounts: Mount[]) {
    this.image = imageLayer(imageFiles);
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
  }

  private locate(path: string): { mount?: Mount; rel: string } {
    const p = `/${norm(path)}`;
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(`${m.path}/`)) {
        const rel = p.slice(m.path.length);
        return { mount: m, rel: m.subPath ? `${m.subPath}/${rel}` : rel };
      }
    }
    return { rel: norm(p) };
  }

  read(path: string): string | undefined {
    const { mount, rel } = this.locate(path);
    if (mount) return mount.volume.read(rel);
    if (this._whiteouts?.has(rel)) return undefined;
    return this._layer?.read(rel) ?? this.image.read(rel);
  }

  isDir(path: string): boolean {
    const { mount, rel } = this.locate(path);
    if (mount) return mount.volume.isDir(rel);
    if (this._whiteouts?.has(rel)) return false;
    if (this._layer?.isDir(rel) || this.image.isDir(rel)) return true;
    const abs = `/${rel}`;
    return this.mounts.some((m) => m.path.startsWith(`${abs === '/' ? '' : abs}/`));
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined || this.isDir(path);
  }

  list(path: string): FsEntry[] | undefined {
    const { mount, rel } = this.locate(path);
    if (mount) return mount.volume.list(rel);
    if (!this.isDir(path)) return undefined;
    const byName = new Map<string, FsEntry>();
    for (const e of this.image.list(rel) ?? []) byName.set(e.name, e);
    for (const e of this.layer.list(rel) ?? []) byName.set(e.name, e);
    const abs = rel ? `/${rel}/` : '/';
    for (const m of this.mounts) {
      if (!m.path.startsWith(abs)) continue;
      const name = m.path.slice(abs.length).split('/')[0];
      if (name) byName.set(name, { name, dir: true, size: 4096 });
    }
    for (const w of this.whiteouts) {
      const name = w.startsWith(rel ? `${rel}/` : '') ? w.slice(rel ? rel.length + 1 : 0) : undefined;
      if (name && !name.includes('/')) byName.delete(name);
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  write(path: string, content: string, append: boolean): string | undefined {
    const { mount, rel } = this.locate(path);
    if (mount) {
      if (mount.readOnly || mount.volume.readOnly) return 'Read-only file system';
      mount.volume.write(rel, content, append);
      return undefined;
    }
    const parent = rel.split('/').slice(0, -1).join('/');
    if (parent && !this.isDir(`/${parent}`)) return 'No such file or directory';
    this.whiteouts.delete(rel);
    const base = append ? (this.read(path) ?? '') : '';
    this.layer.write(rel, base + content, false);
    return undefined;
  }

  remove(path: string, _recursive: boolean): string | undefined {
    const { mount, rel } = this.locate(path);
    if (mount) {
      if (mount.readOnly || mount.volume.readOnly) return 'Read-only file system';
      mount.volume.remove(rel);
      return undefined;
    }
    this.layer.remove(rel);
    if (this.image.read(rel) !== undefined || this.image.isDir(rel)) this.whiteouts.add(rel);
    return undefined;
  }

  mkdir(path: string, _parents: boolean): string | undefined {
    const { mount, rel } = this.locate(path);
    if (mount) {
      if (mount.readOnly || mount.volume.readOnly) return 'Read-only file system';
      mount.volume.mkdir(rel);
      return undefined;
    }
    this.whiteouts.delete(rel);
    this.layer.mkdir(rel);
    return undefined;
  }
}
