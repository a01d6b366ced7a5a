import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export function Pagination({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <p className="pagination__status">
        {t('pagination.showing', { from: n(from), to: n(to), total: n(total) })}
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
        <li className="pagination__page">{t('pagination.page', { page: n(page), pages: n(pages) })}</li>
        <li>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={page >= pages}
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
