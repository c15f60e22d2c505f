import { isPublicRequest } from './authenticate-before-body';

describe('which requests need no key', () => {
  it.each([
    ['GET', '/health'],
    ['GET', '/health?verbose=1'],
    ['HEAD', '/health'],
    ['GET', '/api/docs'],
    ['GET', '/api/docs-json'],
    ['GET', '/api/docs/swagger-ui.css'],
    ['GET', '/'],
    ['GET', '/assets/app.js'],
  ])('%s %s is public', (method, url) => expect(isPublicRequest(method, url)).toBe(true));

  it.each([
    ['POST', '/health'],
    ['POST', '/'],
    ['PUT', '/assets/app.js'],
    ['GET', '/api'],
    ['GET', '/api/v1/projects'],
    ['GET', '/api/v1/audit/verification'],
    ['GET', '/metrics'],
    ['POST', '/api/v1/investors'],
    ['PATCH', '/api/docs'],
  ])('%s %s needs a key', (method, url) => expect(isPublicRequest(method, url)).toBe(false));
});
