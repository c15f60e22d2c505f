import { useEffect, useState } from 'preact/hooks';

/** The pages, addressed by the URL's hash so that a page and its parameters can be linked and reloaded. */
export const PAGES = [
  'targets',
  'dispatch',
  'bulletin',
  'problems',
  'assessment',
  'projects',
  'project',
  'promotion',
] as const;
export type PageName = (typeof PAGES)[number];

export type Route = { page: PageName; id: string | null; params: URLSearchParams };

/** "#/project/<id>?x=1" -> { page: 'project', id, params }; anything unknown is the targets page. */
export const parseHash = (hash: string): Route => {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page, id = null] = path.split('/', 2);
  const known = (PAGES as readonly string[]).includes(page) ? (page as PageName) : 'targets';
  return { page: known, id: id === null ? null : decodeURIComponent(id), params: new URLSearchParams(query) };
};

/** The hash of a page; parameters that are null or empty are left out. */
export const hrefOf = (page: PageName, params: Record<string, string | null | undefined> = {}, id?: string): string => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const text = query.toString();
  return `#/${page}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${text ? `?${text}` : ''}`;
};

export const navigate = (href: string): void => {
  window.location.hash = href;
};

export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
};
