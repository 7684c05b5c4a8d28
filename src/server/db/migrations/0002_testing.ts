import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time (see 0001). Mass nucleic-acid testing: rounds, sites, tubes and samples, transport,
// lab results, positive-pool incidents, coverage counters, resident collection codes.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const pathCol = (c: ColumnDefinitionBuilder) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());
  const real = pg ? sql`double precision` : sql`real`;

  await db.schema
    .createTable('testing_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('pool_policy', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.references('responses.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('testing_round_regions')
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', pathCol)
    .addPrimaryKeyConstraint('testing_round_regions_pk', ['round_id', 'region_code'])
    .execute();

  await db.schema
    .createTable('testing_exemptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('testing_exemptions_person').on('testing_exemptions').columns(['round_id', 'person_id']).unique().execute();
  await db.schema.createIndex('testing_exemptions_path').on('testing_exemptions').columns(['round_id', 'region_path']).execute();

  await db.schema
    .createTable('testing_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', pathCol)
    .addColumn('address', 'text')
    .addColumn('zone_level', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('table_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('testing_sites_path').on('testing_sites').column('region_path').execute();

  await db.schema
    .createTable('testing_site_samplers')
    .addColumn('site_id', 'text', (c) => c.notNull().references('testing_sites.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text')
    .addPrimaryKeyConstraint('testing_site_samplers_pk', ['site_id', 'user_id'])
    .execute();
  await db.schema.createIndex('testing_site_samplers_user').on('testing_site_samplers').column('user_id').execute();

  await db.schema
    .createTable('testing_bags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('barcode', 'text', (c) => c.notNull().unique())
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('testing_sites.id'))
    .addColumn('region_path', 'text', pathCol)
    .addColumn('lab_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('tube_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('packed_at', 'text', (c) => c.notNull())
    .addColumn('packed_by', 'text')
    .addColumn('handed_over_at', 'text')
    .addColumn('handed_over_by', 'text')
    .addColumn('carrier', 'text')
    .addColumn('counted_tubes', 'integer')
    .addColumn('received_at', 'text')
    .addColumn('received_by', 'text')
    .addColumn('received_tubes', 'integer')
    .execute();
  await db.schema.createIndex('testing_bags_site').on('testing_bags').columns(['site_id', 'status']).execute();

  await db.schema
    .createTable('testing_tubes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('barcode', 'text', (c) => c.notNull().unique())
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('testing_sites.id'))
    .addColumn('region_path', 'text', pathCol)
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('underfilled', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text')
    .addColumn('sealed_at', 'text')
    .addColumn('sealed_by', 'text')
    .addColumn('bag_id', 'text', (c) => c.references('testing_bags.id'))
    .addColumn('lab_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('result', 'text')
    .addColumn('result_at', 'text')
    .execute();
  await db.schema.createIndex('testing_tubes_round').on('testing_tubes').columns(['round_id', 'status']).execute();
  await db.schema.createIndex('testing_tubes_bag').on('testing_tubes').column('bag_id').execute();
  await db.schema.createIndex('testing_tubes_site').on('testing_tubes').columns(['site_id', 'status']).execute();

  await db.schema
    .createTable('testing_unregistered')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('testing_sites.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('doc_number_enc', 'text')
    .addColumn('doc_number_bidx', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_bidx', 'text')
    .addColumn('address', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('sampled_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('testing_unregistered_path').on('testing_unregistered').columns(['region_path', 'status']).execute();
  await db.schema.createIndex('testing_unregistered_doc').on('testing_unregistered').column('doc_number_bidx').execute();

  // One row per swab: the person (or unregistered person) in a tube. The id is made by the client,
  // so a scan queued offline and sent twice is stored once.
  await db.schema
    .createTable('testing_samples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('tube_id', 'text', (c) => c.notNull().references('testing_tubes.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('sampler_id', 'text', (c) => c.notNull())
    .addColumn('sampled_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('repeat_reason', 'text')
    .execute();
  await db.schema.createIndex('testing_samples_tube').on('testing_samples').columns(['tube_id', 'subject_id']).unique().execute();
  await db.schema.createIndex('testing_samples_subject').on('testing_samples').columns(['subject_id', 'sampled_at']).execute();

  // Who has been tested in a round, once per person: the coverage counters' source of truth.
  await db.schema
    .createTable('testing_round_people')
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('first_sampled_at', 'text', (c) => c.notNull())
    .addColumn('last_sampled_at', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addPrimaryKeyConstraint('testing_round_people_pk', ['round_id', 'person_id'])
    .execute();
  await db.schema.createIndex('testing_round_people_path').on('testing_round_people').columns(['round_id', 'region_path']).execute();

  // Coverage kept as scans arrive, one row per leaf region (grid or building) of the round's scope.
  await db.schema
    .createTable('testing_coverage')
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addColumn('residents', 'integer', (c) => c.notNull())
    .addColumn('exempt', 'integer', (c) => c.notNull())
    .addColumn('tested', 'integer', (c) => c.notNull())
    .addColumn('unregistered', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('testing_coverage_pk', ['round_id', 'region_code'])
    .execute();
  await db.schema.createIndex('testing_coverage_path').on('testing_coverage').columns(['round_id', 'region_path']).execute();

  await db.schema
    .createTable('testing_followups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('region_path', 'text', pathCol)
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('testing_followups_person').on('testing_followups').columns(['round_id', 'person_id']).execute();

  await db.schema
    .createTable('testing_lab_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lab_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  // Every result a lab reported, corrections included; the tube row holds the one in force.
  await db.schema
    .createTable('testing_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tube_id', 'text', (c) => c.notNull().references('testing_tubes.id'))
    .addColumn('lab_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('ct_n', real)
    .addColumn('ct_orf', real)
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('correction_reason', 'text')
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema.createIndex('testing_results_tube').on('testing_results').columns(['tube_id', 'recorded_at']).execute();

  await db.schema
    .createTable('testing_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tube_id', 'text', (c) => c.notNull().unique().references('testing_tubes.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('testing_rounds.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('notify_due_at', 'text', (c) => c.notNull())
    .addColumn('resample_due_at', 'text', (c) => c.notNull())
    .addColumn('result_due_at', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'text')
    .addColumn('resampled_at', 'text')
    .addColumn('resulted_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('testing_incidents_status').on('testing_incidents').columns(['status', 'detected_at']).execute();

  await db.schema
    .createTable('testing_incident_members')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('testing_incidents.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathCol)
    .addColumn('retest_tube_id', 'text', (c) => c.references('testing_tubes.id'))
    .addColumn('retest_result', 'text')
    .addColumn('task_id', 'text')
    .addPrimaryKeyConstraint('testing_incident_members_pk', ['incident_id', 'subject_id'])
    .execute();
  await db.schema.createIndex('testing_incident_members_subject').on('testing_incident_members').column('subject_id').execute();
  await db.schema.createIndex('testing_incident_members_retest').on('testing_incident_members').column('retest_tube_id').execute();
  await db.schema.createIndex('testing_incident_members_path').on('testing_incident_members').column('region_path').execute();

  // The 采集码 a resident shows at the site: a random code that only this platform resolves to a person.
  await db.schema
    .createTable('testing_collection_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().unique().references('people.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['testing_collection_codes', 'testing_incident_members', 'testing_incidents', 'testing_results',
    'testing_lab_tokens', 'testing_followups', 'testing_coverage', 'testing_round_people', 'testing_samples',
    'testing_unregistered', 'testing_tubes', 'testing_bags', 'testing_site_samplers', 'testing_sites',
    'testing_exemptions', 'testing_round_regions', 'testing_rounds']) {
    await db.schema.dropTable(t).execute();
  }
}
