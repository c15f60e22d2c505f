import { useState } from 'preact/hooks';
import { ApiError, getJson } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * Sign-in with an API key. The key is tried on the query API before it is kept (in session storage, by the
 * caller): a key the api does not know, or whose role may not read, is refused here with the reason.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (apiKey: string) => void }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const apiKey = key.trim();
    if (!apiKey) return;
    setBusy(true);
    setError(null);
    try {
      await getJson('/api/v1/projects?pageSize=1', apiKey);
      onSignedIn(apiKey);
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : 0;
      setError(status === 401 ? t('signIn.unknownKey') : status === 403 ? t('signIn.forbidden') : t('signIn.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="sign-in" onSubmit={submit} data-testid="sign-in">
      <h1>{t('app.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <label>
        {t('signIn.key')}
        <input
          type="password"
          autocomplete="off"
          value={key}
          data-testid="api-key"
          onInput={(e) => setKey(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy} data-testid="sign-in-button">
        {t('signIn.submit')}
      </button>
      {error ? (
        <p class="note error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
      <p class="hint">{t('signIn.storage')}</p>
    </form>
  );
}
