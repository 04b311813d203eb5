/** The page's own IndexedDB: editor files and terminal history (the worker keeps the cluster's log). */
import { type IDBPDatabase, openDB } from 'idb';

const DB_NAME = 'kubedojo-ui';
const STORE = 'kv';

let db: Promise<IDBPDatabase> | undefined;

function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE);
    },
  });
  return db;
}

export async function loadValue<T>(key: string): Promise<T | undefined> {
  try {
    return (await (await open()).get(STORE, key)) as T | undefined;
  } catch {
    return undefined;
  }
}

export async function saveValue(key: string, value: unknown): Promise<void> {
  try {
    await (await open()).put(STORE, value, key);
  } catch {
    // Storage unavailable (private mode): the lab still works, it just forgets on reload.
  }
}
