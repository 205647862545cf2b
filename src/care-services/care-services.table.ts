import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A service or location the organisation runs (a home, a supported-living scheme, a home-care branch). */
export type CareServicesTable = {
  org_id: string;
  id: string;
  name: string;
  address: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type CareServiceRow = Selectable<CareServicesTable>;
export type NewCareServiceRow = Insertable<CareServicesTable>;
export type CareServiceUpdate = Updateable<CareServicesTable>;
