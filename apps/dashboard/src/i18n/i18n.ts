import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { catalogueLabel, type Catalogue, type Lang } from './catalogues';
import { MESSAGES, type MessageKey } from './messages';

export type { Lang } from './catalogues';

export type I18n = {
  lang: Lang;
  /** A message of the dashboard; `{name}` in it is replaced by params.name. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A label from the domain's catalogues. */
  label: (catalogue: Catalogue, code: string) => string;
};

export const makeI18n = (lang: Lang): I18n => ({
  lang,
  t: (key, params = {}) =>
    MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)),
  label: (catalogue, code) => catalogueLabel(catalogue, code, lang),
});

export const I18nContext = createContext<I18n>(makeI18n('zh'));
export const useI18n = (): I18n => useContext(I18nContext);

/** The language is a preference, not a secret: kept across visits. Chinese unless English was chosen. */
const LANG_KEY = 'itp.lang';
export const readLang = (): Lang => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh');
export const storeLang = (lang: Lang): void => localStorage.setItem(LANG_KEY, lang);
