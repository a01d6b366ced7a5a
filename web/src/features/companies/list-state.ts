/**
 * What a company's link in the register list passes on to the company's page (router state): the
 * list's address, so that "Tillbaka till registret" returns to the same search, filters, order and
 * page. A page reached from elsewhere has none and goes back to the list's start.
 */
export interface ListState {
  listSearch: string;
}

/** The list's query string ("?q=…&page=2") from the router state, or "" for none. */
export function listSearchOf(state: unknown): string {
  const s = (state as Partial<ListState> | null)?.listSearch;
  return typeof s === 'string' && s.startsWith('?') ? s : '';
}
