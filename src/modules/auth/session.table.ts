export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuthTables {
  session: SessionTable;
}
