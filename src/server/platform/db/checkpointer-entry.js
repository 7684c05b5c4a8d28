// Worker: copies SQLite's write-ahead log into the database file every half second, on its own
// connection, so no request on the main thread ever waits for a checkpoint and its fsync.
import { workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 1000');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next round will do it.
  }
}, 500);
