import type { PersonTag } from '../../../shared/people.js';
import type { Query } from '../../api/client.js';
import type { RegionOption } from '../../components/RegionTreeSelect.js';

export interface PeopleFilter {
  name?: string;
  idNumber?: string;
  phone?: string;
  region?: RegionOption;
  tag?: PersonTag;
}

export function filterQuery(f: PeopleFilter): Query {
  return { name: f.name?.trim(), idNumber: f.idNumber?.trim(), phone: f.phone?.trim(), region: f.region?.value, tag: f.tag };
}

export function activeFilterCount(f: PeopleFilter): number {
  return Object.values(f).filter((v) => v !== undefined && v !== '').length;
}
