import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time (see 0001). Screening (排查台账): people under management (one episode per person and
// category, with the plan it started under, its scheduled tests, the 五包一 team and daily health
// checks), decisions moving open episodes to a new plan, 协查 list imports and their unmatched rows,
// screening rounds with door-to-door visits.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const pathCol = (c: ColumnDefinitionBuilder) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());
  const real = pg ? sql`double precision` : sql`real`;

  await db.schema
    .createTable('screening_episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('rule_set', 'text', (c) => c.notNull())
    .addColumn('anchor_date', 'text', (c) => c.notNull())
    .addColumn('release_date', 'text')
    .addColumn('place_kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', pathCol)
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('release_proposed_at', 'text')
    .addColumn('released_at', 'text')
    .addColumn('released_by', 'text')
    .execute();
  await db.schema.createIndex('screening_episodes_path').on('screening_episodes').columns(['region_path', 'status']).execute();
  await db.schema.createIndex('screening_episodes_person').on('screening_episodes').columns(['person_id', 'category', 'status']).execute();
  await db.schema.createIndex('screening_episodes_release').on('screening_episodes').columns(['status', 'release_date']).execute();

  await db.schema
    .createTable('screening_scheduled_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull().references('screening_episodes.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('phase_kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('sampled_at', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('source', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('task_id', 'text')
    .addColumn('region_path', 'text', pathCol)
    .addColumn('recorded_at', 'text')
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('screening_tests_episode').on('screening_scheduled_tests').columns(['episode_id', 'due_date']).execute();
  await db.schema.createIndex('screening_tests_due').on('screening_scheduled_tests').columns(['region_path', 'due_date', 'status']).execute();
  await db.schema.createIndex('screening_tests_person').on('screening_scheduled_tests').columns(['person_id', 'due_date']).execute();

  await db.schema
    .createTable('screening_episode_team')
    .addColumn('episode_id', 'text', (c) => c.notNull().references('screening_episodes.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addPrimaryKeyConstraint('screening_episode_team_pk', ['episode_id', 'role'])
    .execute();

  await db.schema
    .createTable('screening_health_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull().references('screening_episodes.id'))
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('temperature', real)
    .addColumn('symptoms', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('region_path', 'text', pathCol)
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text')
    .execute();
  await db.schema.createIndex('screening_health_checks_day').on('screening_health_checks')
    .columns(['episode_id', 'checked_on', 'period']).unique().execute();
  await db.schema.createIndex('screening_health_checks_path').on('screening_health_checks').columns(['region_path', 'checked_on']).execute();

  await db.schema
    .createTable('screening_rule_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_rule_set', 'text', (c) => c.notNull())
    .addColumn('to_rule_set', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('episodes_moved', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('screening_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('matched', 'integer', (c) => c.notNull())
    .addColumn('unmatched', 'integer', (c) => c.notNull())
    .addColumn('merged', 'integer', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('region_path', 'text', pathCol)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('screening_imports_sha').on('screening_imports').columns(['content_sha256', 'status']).execute();

  await db.schema
    .createTable('screening_import_unmatched')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull().references('screening_imports.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('doc_number_enc', 'text', (c) => c.notNull())
    .addColumn('doc_number_bidx', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('reason', 'text')
    .addColumn('source_area', 'text')
    .addColumn('anchor_date', 'text')
    // The row's own category (a 类别 column); null: the import's.
    .addColumn('category', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('region_path', 'text', pathCol)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('screening_unmatched_path').on('screening_import_unmatched').columns(['region_path', 'status']).execute();
  await db.schema.createIndex('screening_unmatched_doc').on('screening_import_unmatched').column('doc_number_bidx').execute();

  await db.schema
    .createTable('screening_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('screening_round_regions')
    .addColumn('round_id', 'text', (c) => c.notNull().references('screening_rounds.id'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', pathCol)
    .addPrimaryKeyConstraint('screening_round_regions_pk', ['round_id', 'region_code'])
    .execute();

  await db.schema
    .createTable('screening_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('screening_rounds.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('region_path', 'text', pathCol)
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('shift', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    // JSON array of the ids of the household's people who were present.
    .addColumn('present', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('screening_visits_household').on('screening_visits').columns(['round_id', 'household_id']).execute();
  await db.schema.createIndex('screening_visits_path').on('screening_visits').columns(['round_id', 'region_path']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['screening_visits', 'screening_round_regions', 'screening_rounds', 'screening_import_unmatched',
    'screening_imports', 'screening_rule_moves', 'screening_health_checks', 'screening_episode_team',
    'screening_scheduled_tests', 'screening_episodes']) {
    await db.schema.dropTable(t).execute();
  }
}
