import { RouteMethods, routePattern } from './method-not-allowed';

describe('the methods a path is served with', () => {
  it('reads a route URL as a pattern: a parameter is one segment, * the rest, the rest literal', () => {
    expect(routePattern('/api/v1/projects/:id').test('/api/v1/projects/p-1')).toBe(true);
    expect(routePattern('/api/v1/projects/:id').test('/api/v1/projects/p-1/contract')).toBe(false);
    expect(routePattern('/api/v1/projects/:id').test('/api/v1/projects/')).toBe(false);
    expect(routePattern('/assets/*').test('/assets/a/b.js')).toBe(true);
    expect(routePattern('/api/docs-json').test('/api/docsxjson')).toBe(false);
    expect(routePattern('/a.b').test('/axb')).toBe(false);
  });

  it('answers every method any route serves a path with, sorted, and none for an unknown path', () => {
    const routes = new RouteMethods();
    routes.add('/api/v1/projects', ['GET', 'HEAD']);
    routes.add('/api/v1/projects', 'post');
    routes.add('/api/v1/projects/:id', ['GET', 'HEAD']);
    routes.add('/api/v1/projects/:id', 'PATCH');
    expect(routes.allowed('/api/v1/projects')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.allowed('/api/v1/projects/p-1')).toEqual(['GET', 'HEAD', 'PATCH']);
    expect(routes.allowed('/api/v1/nothing')).toEqual([]);
  });
});
