export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** JSON text. */
  details: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
