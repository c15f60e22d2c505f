import { useMemo, useState } from 'preact/hooks';
import { forgetApiKey, readApiKey, storeApiKey } from './api/session';
import type { ReadScope } from './api/types';
import { SessionContext } from './api/use-api';
import { FEATURES } from './features';
import { I18nContext, makeI18n, readLang, storeLang, type Lang } from './i18n/i18n';
import { AssessmentPage } from './pages/assessment';
import { BulletinPage } from './pages/bulletin';
import { DispatchPage } from './pages/dispatch';
import { ProblemsPage } from './pages/problems';
import { ProjectPage } from './pages/project';
import { ProjectsPage } from './pages/projects';
import { PromotionPage } from './pages/promotion';
import { SignIn } from './pages/sign-in';
import { TargetsPage } from './pages/targets';
import { hrefOf, useRoute, type PageName, type Route } from './router';

const NAVIGATION: PageName[] = ['targets', 'dispatch', 'bulletin', 'problems', 'assessment', 'promotion', 'projects'];

function PageOf({ route }: { route: Route }) {
  switch (route.page) {
    case 'targets':
      return <TargetsPage route={route} />;
    case 'dispatch':
      return <DispatchPage route={route} />;
    case 'bulletin':
      return <BulletinPage route={route} />;
    case 'problems':
      return <ProblemsPage route={route} />;
    case 'assessment':
      return <AssessmentPage route={route} />;
    case 'projects':
      return <ProjectsPage route={route} />;
    case 'project':
      return <ProjectPage route={route} />;
    case 'promotion':
      return <PromotionPage route={route} />;
    default: {
      const unknown: never = route.page;
      throw new Error(`unknown page ${String(unknown)}`);
    }
  }
}

export function App() {
  const [lang, setLang] = useState<Lang>(readLang);
  const [apiKey, setApiKey] = useState<string | null>(readApiKey);
  const [readScope, setReadScope] = useState<ReadScope | null>(null);
  const route = useRoute();
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');

  const switchLang = () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    storeLang(next);
    setLang(next);
  };
  const signOut = () => {
    forgetApiKey();
    setApiKey(null);
    setReadScope(null);
  };
  const session = useMemo(
    () => ({
      apiKey: apiKey ?? '',
      signOut,
      readScope,
      noteReadScope: (scope: ReadScope) =>
        setReadScope((known) => (JSON.stringify(known) === JSON.stringify(scope) ? known : scope)),
    }),
    [apiKey, readScope],
  );
  const langButton = (
    <button type="button" class="link" onClick={switchLang} data-testid="lang-switch">
      {lang === 'zh' ? 'English' : '中文'}
    </button>
  );

  return (
    <I18nContext.Provider value={i18n}>
      {apiKey === null ? (
        <main class="narrow">
          <div class="top-right">{langButton}</div>
          <SignIn
            onSignedIn={(key) => {
              storeApiKey(key);
              setApiKey(key);
            }}
          />
        </main>
      ) : (
        <SessionContext.Provider value={session}>
          <header class="bar">
            <a class="brand" href={hrefOf('targets')}>
              {t('app.title')}
            </a>
            <nav>
              {NAVIGATION.filter((page) => page !== 'promotion' || FEATURES.promotion).map((page) => (
                <a
                  key={page}
                  href={hrefOf(page)}
                  class={route.page === page ? 'active' : ''}
                  data-testid={`nav-${page}`}
                >
                  {t(`nav.${page}`)}
                </a>
              ))}
            </nav>
            <div class="session">
              {readScope !== null ? (
                <span class="scope" data-testid="scope-badge">
                  {readScope === '*'
                    ? t('scope.province')
                    : t('scope.badge', { cities: readScope.map((code) => i18n.label('city', code)).join('、') })}
                </span>
              ) : null}
              {langButton}
              <button type="button" class="link" onClick={signOut} data-testid="sign-out">
                {t('signOut')}
              </button>
            </div>
          </header>
          <main>
            <PageOf route={route} />
          </main>
        </SessionContext.Provider>
      )}
    </I18nContext.Provider>
  );
}
