/** The session's replay log in IndexedDB (the worker owns its own database; the page keeps its own). */
import { type IDBPDatabase, openDB } from 'idb';
import { isLabSave, type LabSave } from './replay-log';

const DB_NAME = 'kubedojo-cluster';
const STORE = 'sessions';
const KEY = 'current';

let db: Promise<IDBPDatabase> | undefined;

function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE);
    },
  });
  return db;
}

export async function loadSession(): Promise<LabSave | undefined> {
  try {
    const v = await (await open()).get(STORE, KEY);
    return isLabSave(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Save at most one write at a time; a save requested while one is in flight replaces any pending one,
 * so a burst of commands costs two writes, not one per command.
 */
export function createSaver(): (state: LabSave) => void {
  let pending: LabSave | undefined;
  let writing = false;
  const drain = async () => {
    writing = true;
    while (pending) {
      const s = pending;
      pending = undefined;
      try {
        await (await open()).put(STORE, { ...s, log: [...s.log] }, KEY);
      } catch {
        // Private browsing or a full disk: the lab keeps working, it just will not survive a reload.
      }
    }
    writing = false;
  };
  return (state) => {
    pending = state;
    if (!writing) void drain();
  };
}
