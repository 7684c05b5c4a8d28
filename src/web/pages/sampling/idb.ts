/**
 * A tiny promise wrapper over IndexedDB: one database, a few object stores keyed by a `key` field.
 * Enough for the sampler's offline queue; every write is its own transaction and resolves when it
 * has been committed, so that "queued" means "on the phone's disk".
 */

const DB_NAME = 'anning-sampling';
const DB_VERSION = 1;
export const STORES = ['queue', 'problems', 'meta'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | undefined;

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      for (const name of STORES) {
        if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath: 'key' });
      }
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: let it, and open again on the next call.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      resolve(db);
    };
    req.onerror = () => {
      opening = undefined;
      reject(req.error);
    };
  });
  return opening;
}

async function write(store: StoreName, act: (s: IDBObjectStore) => void): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    act(tx.objectStore(store));
  });
}

export const idb = {
  /** Every record of a store, in key order (ULID keys: the order they were made). */
  async all<T>(store: StoreName): Promise<T[]> {
    const db = await open();
    return promised(db.transaction(store, 'readonly').objectStore(store).getAll()) as Promise<T[]>;
  },
  async get<T>(store: StoreName, key: string): Promise<T | undefined> {
    const db = await open();
    return promised(db.transaction(store, 'readonly').objectStore(store).get(key)) as Promise<T | undefined>;
  },
  put<T extends { key: string }>(store: StoreName, value: T): Promise<void> {
    return write(store, (s) => s.put(value));
  },
  delete(store: StoreName, keys: string[]): Promise<void> {
    return write(store, (s) => {
      for (const key of keys) s.delete(key);
    });
  },
  /** Moves records from one store to another in one transaction (a queued item becoming a problem). */
  async move<T extends { key: string }>(from: StoreName, to: StoreName, values: T[]): Promise<void> {
    const db = await open();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction([from, to], 'readwrite', { durability: 'strict' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
      for (const v of values) {
        tx.objectStore(from).delete(v.key);
        tx.objectStore(to).put(v);
      }
    });
  },
};
