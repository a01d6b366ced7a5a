export interface AppUserTable {
  id: string;
  municipality_id: string;
  email: string;
  name: string;
  title: string;
  phone: string;
  role: string;
  staff_group: string;
  party: string | null;
  /** JSON text: topic slugs. */
  expertise: string;
  password_hash: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface StaffTables {
  app_user: AppUserTable;
}
