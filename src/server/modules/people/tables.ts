export interface HouseholdRow {
  id: string;
  region_code: string;
  region_path: string;
  address: string;
  created_at: string;
}

export interface PersonRow {
  id: string;
  doc_type: string;
  doc_number_enc: string;
  doc_number_bidx: string;
  name: string;
  gender: 'M' | 'F' | null;
  birth_date: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  household_id: string | null;
  region_code: string;
  region_path: string;
  address: string | null;
  status: 'active' | 'moved_out' | 'deceased';
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface PersonTagRow {
  person_id: string;
  tag: string;
  region_path: string;
}

export interface PeopleTables {
  households: HouseholdRow;
  people: PersonRow;
  person_tags: PersonTagRow;
}
