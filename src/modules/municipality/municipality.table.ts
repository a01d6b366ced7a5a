export interface MunicipalityTable {
  id: string;
  name: string;
  kommunkod: string;
  /** JSON text: MunicipalitySettings. */
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface TopicTable {
  id: string;
  municipality_id: string;
  slug: string;
  label_sv: string;
  label_en: string;
  sort_order: number;
  active: number;
}

export interface MunicipalityTables {
  municipality: MunicipalityTable;
  topic: TopicTable;
}
