export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  status: string;
  attempts: number;
  run_at: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobTables {
  job: JobTable;
}
