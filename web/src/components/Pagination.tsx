import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export function Pagination({
  page,
  pageSize,
  total,
  totalIsEstimate = false,
  itemsOnPage,
  maxPage,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The server stopped counting at `total`: there may be more pages than it says. */
  totalIsEstimate?: boolean;
  itemsOnPage?: number;
  /** The last page the server serves, if it has such a limit. */
  maxPage?: number;
  onPage: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = totalIsEstimate ? from + (itemsOnPage ?? pageSize) - 1 : Math.min(total, page * pageSize);
  const atLimit = maxPage !== undefined && page >= maxPage;
  const hasNext =
    !atLimit && (totalIsEstimate ? (itemsOnPage ?? pageSize) === pageSize : page * pageSize < total);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // A page past the end (an old link, a hand-edited address): say so and offer the last one.
  const pastEnd = itemsOnPage === 0 && page > 1;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {pastEnd ? (
        <p className="pagination__status">
          {totalIsEstimate
            ? t('pagination.pastEndUnknown', { page: n(page) })
            : t(pages === 1 ? 'pagination.pastEndOne' : 'pagination.pastEnd', {
                page: n(page),
                pages: n(pages),
              })}{' '}
          <button type="button" className="btn btn--link" onClick={() => onPage(totalIsEstimate ? 1 : pages)}>
            {t(totalIsEstimate ? 'pagination.toFirst' : 'pagination.toLast')}
          </button>
        </p>
      ) : (
        <p className="pagination__status">
          {totalIsEstimate
            ? t('pagination.showingMore', { from: n(from), to: n(to), total: n(total) })
            : t('pagination.showing', { from: n(from), to: n(to), total: n(total) })}
        </p>
      )}
      {atLimit && totalIsEstimate ? (
        <p className="pagination__status">{t('pagination.limit', { max: n(maxPage) })}</p>
      ) : null}
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
          {totalIsEstimate || pastEnd
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
