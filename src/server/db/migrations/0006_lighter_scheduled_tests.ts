import { PostgresAdapter, type Kysely } from 'kysely';

// Frozen in time (see 0001). Writing a scheduled test costs less, for the 协查 lists and positive-pool
// waves that open thousands of episodes at once (20,000 episodes, 77,000 tests):
// - A person's tests are found through their episodes (the episodes' person index, then the tests'
//   episode index), so the tests' own person index goes: one index entry less per test.
// - On PostgreSQL the tests' foreign key to their episode goes: its check locks the episode row once
//   per test (0.3 s of 2 s above), and it guards nothing here. Tests are parts of their episode, written
//   only with it in one transaction (openEpisodes, replanEpisode), and an episode is never deleted
//   (closing it is a status). SQLite keeps the key: its check is a plain index probe.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('screening_tests_person').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('screening_scheduled_tests').dropConstraint('screening_scheduled_tests_episode_id_fkey').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('screening_scheduled_tests').addForeignKeyConstraint('screening_scheduled_tests_episode_id_fkey',
      ['episode_id'], 'screening_episodes', ['id']).execute();
  }
  await db.schema.createIndex('screening_tests_person').on('screening_scheduled_tests').columns(['person_id', 'due_date']).execute();
}
