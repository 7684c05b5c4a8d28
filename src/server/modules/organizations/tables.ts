export interface OrganizationRow {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  region_code: string;
  region_path: string;
  workstream: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  address: string | null;
  status: 'active' | 'inactive';
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface OrganizationsTables {
  organizations: OrganizationRow;
}
