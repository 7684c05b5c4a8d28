import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time (see 0001). Isolation (隔离管控): isolation sites with their rooms, placements of
// people (with transfers and releases kept as history), risk zones with the regions or buildings they
// cover, their full level history, and downgrade proposals for headquarters.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const pathCol = (c: ColumnDefinitionBuilder) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());

  await db.schema
    .createTable('isolation_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', pathCol)
    .addColumn('address', 'text')
    .addColumn('contact', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('isolation_sites_path').on('isolation_sites').column('region_path').execute();

  await db.schema
    .createTable('isolation_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('isolation_sites.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('beds', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('isolation_rooms_label').on('isolation_rooms').columns(['site_id', 'label']).unique().execute();

  // One row per stay in one room: a transfer ends the row (status 'transferred') and starts another.
  // episode_id names a screening episode without a foreign key (screening sits above isolation).
  await db.schema
    .createTable('isolation_placements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('episode_id', 'text')
    .addColumn('site_id', 'text', (c) => c.notNull().references('isolation_sites.id'))
    .addColumn('room_id', 'text', (c) => c.references('isolation_rooms.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'text')
    .addColumn('expected_release_on', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('transferred_from', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('isolation_placements_site').on('isolation_placements').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('isolation_placements_person').on('isolation_placements').columns(['person_id', 'status']).execute();
  await db.schema.createIndex('isolation_placements_episode').on('isolation_placements').column('episode_id').execute();
  await db.schema.createIndex('isolation_placements_path').on('isolation_placements').columns(['region_path', 'status']).execute();
  // A person is in at most one place at a time, even when two cadres place them at once.
  await db.schema.createIndex('isolation_placements_one_active').on('isolation_placements').column('person_id').unique()
    .where(sql.ref('status'), '=', 'active').execute();

  await db.schema
    .createTable('isolation_zones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The level in force; null once lifted.
    .addColumn('level', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rule_set', 'text', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    // The region drawn, or for a set of buildings the lowest region holding them all.
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', pathCol)
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('designated_at', 'text', (c) => c.notNull())
    // Local dates: the zone reached its level; the last new infection in it; the level it came down from.
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('last_infection_on', 'text')
    .addColumn('downgraded_from', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('isolation_zones_path').on('isolation_zones').columns(['region_path', 'status']).execute();

  await db.schema
    .createTable('isolation_zone_regions')
    .addColumn('zone_id', 'text', (c) => c.notNull().references('isolation_zones.id'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', pathCol)
    .addPrimaryKeyConstraint('isolation_zone_regions_pk', ['zone_id', 'region_code'])
    .execute();
  await db.schema.createIndex('isolation_zone_regions_path').on('isolation_zone_regions').column('region_path').execute();

  await db.schema
    .createTable('isolation_zone_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().references('isolation_zones.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text')
    .addColumn('to_level', 'text')
    // When the decision took effect (UTC instant) and its local date.
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('reason', 'text')
    .addColumn('region_path', 'text', pathCol)
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('isolation_zone_history_zone').on('isolation_zone_history').columns(['zone_id', 'effective_at']).execute();

  await db.schema
    .createTable('isolation_zone_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('zone_id', 'text', (c) => c.notNull().references('isolation_zones.id'))
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('to_level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('clean_days', 'integer', (c) => c.notNull())
    .addColumn('proposed_on', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('note', 'text')
    .addColumn('region_path', 'text', pathCol)
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_no', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('isolation_zone_proposals_zone').on('isolation_zone_proposals').columns(['zone_id', 'status']).execute();
  await db.schema.createIndex('isolation_zone_proposals_status').on('isolation_zone_proposals').columns(['status', 'proposed_at']).execute();

  // The zone's day-N screening round reads samples by region and day (testing/store/zone-rounds.ts).
  await db.schema.createIndex('testing_samples_path_day').on('testing_samples').columns(['region_path', 'sampled_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('testing_samples_path_day').execute();
  for (const t of ['isolation_zone_proposals', 'isolation_zone_history', 'isolation_zone_regions', 'isolation_zones',
    'isolation_placements', 'isolation_rooms', 'isolation_sites']) {
    await db.schema.dropTable(t).execute();
  }
}
