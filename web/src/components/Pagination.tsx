import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export function Pagination({
  page,
  pageSize,
  total,
  totalIsEstimate = false,
  itemsOnPage,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The server stopped counting at `total`: there may be more pages than it says. */
  totalIsEstimate?: boolean;
  itemsOnPage?: number;
  onPage: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = totalIsEstimate ? from + (itemsOnPage ?? pageSize) - 1 : Math.min(total, page * pageSize);
  const hasNext = totalIsEstimate ? (itemsOnPage ?? pageSize) === pageSize : page * pageSize < total;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <p className="pagination__status">
        {totalIsEstimate
          ? t('pagination.showingMore', { from: n(from), to: n(to), total: n(total) })
          : t('pagination.showing', { from: n(from), to: n(to), total: n(total) })}
      </p>
      <ul className="pagination__list">
        <li>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
          >
            <span aria-hidden="true">← </span>
            {t('pagination.previous')}
          </button>
        </li>
        <li className="pagination__page">
          {totalIsEstimate
            ? t('pagination.pageOnly', { page: n(page) })
            : t('pagination.page', { page: n(page), pages: n(pages) })}
        </li>
        <li>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={!hasNext}
            onClick={() => onPage(page + 1)}
          >
            {t('pagination.next')}
            <span aria-hidden="true"> →</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}
