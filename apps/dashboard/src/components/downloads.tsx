import { useState } from 'preact/hooks';
import { ApiError, downloadExport, type ExportFormat } from '../api/client';
import { useSession } from '../api/use-api';
import { FEATURES } from '../features';
import { useI18n } from '../i18n/i18n';

/** Download buttons for a report's CSV and Excel files (fetched with the key, saved by the browser). */
export function Downloads(props: { path: string; name: string }) {
  const { apiKey } = useSession();
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  // Until the backend's exports are on main (FEATURES.exports) there is nothing to download.
  if (!FEATURES.exports) return null;
  const download = (format: ExportFormat) => {
    setMessage(null);
    downloadExport(props.path, format, apiKey, props.name).then(
      (file) => setMessage(t('download.saved', { file })),
      (error: Error) =>
        setMessage(error instanceof ApiError && error.status === 403 ? t('error.forbidden') : t('download.failed')),
    );
  };
  return (
    <div class="downloads">
      <button type="button" onClick={() => download('xlsx')} data-testid="download-xlsx">
        {t('download.xlsx')}
      </button>
      <button type="button" onClick={() => download('csv')} data-testid="download-csv">
        {t('download.csv')}
      </button>
      {message ? <span class="download-note">{message}</span> : null}
    </div>
  );
}
