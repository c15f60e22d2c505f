/**
 * The API key lives in this tab's session storage only: never in local storage, a cookie or the URL, and it is
 * gone when the tab closes. Every data call sends it as a Bearer token.
 */
const KEY = 'itp.apiKey';

export const readApiKey = (): string | null => sessionStorage.getItem(KEY);
export const storeApiKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetApiKey = (): void => sessionStorage.removeItem(KEY);
