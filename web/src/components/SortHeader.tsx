import { useTranslation } from 'react-i18next';

export type SortDir = 'asc' | 'desc';

/**
 * A sortable column header: a button inside the th, with aria-sort on the th telling the current
 * order. Clicking the sorted column flips the direction.
 */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  dir,
  onSort,
  className,
}: {
  column: K;
  label: string;
  sort: K;
  dir: SortDir;
  onSort: (column: K, dir: SortDir) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const active = sort === column;
  const ariaSort = active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(column, active && dir === 'asc' ? 'desc' : 'asc')}
      >
        {label}
        <span className="sort-button__icon" aria-hidden="true">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        {active ? (
          <span className="visually-hidden">
            , {dir === 'asc' ? t('table.sortedAsc') : t('table.sortedDesc')}
          </span>
        ) : null}
      </button>
    </th>
  );
}
