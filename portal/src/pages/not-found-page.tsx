import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Also what a ticket of another organization looks like: the API answers 404 and so does the page. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundText')}</p>
      <p>
        <Link to="/requests">{t('app.backHome')}</Link>
      </p>
    </>
  );
}
