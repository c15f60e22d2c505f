import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { mayActOnCity, type Principal } from '@itp/platform';

/**
 * What a key may read (docs/adr/0009-read-scopes.md). A key scoped to cities reads:
 * - the records of its cities in full: projects (by their city now), their problems, parks, stale projects;
 * - province-wide aggregates in full: counts, amounts and ranks, as the province circulates them to every city;
 * - the investor library (a provincial library of firms), but only its own cities' projects in each firm's lists;
 * - never another city's records: lists behind a count keep the count and show only its own cities' entries.
 * A province-wide key ('*') reads everything.
 */
export class ReadScope {
  private readonly cities: readonly string[] | null;

  private constructor(private readonly principal: Principal) {
    this.cities = principal.cities === '*' ? null : [...principal.cities];
  }

  static of(principal: Principal): ReadScope {
    return new ReadScope(principal);
  }

  get provinceWide(): boolean {
    return this.cities === null;
  }

  /** For answers and export titles: '*' or the city codes. */
  get description(): '*' | string[] {
    return this.cities === null ? '*' : [...this.cities];
  }

  /** The same rule as the command side's: a key's cities are where it may act, and what it may read. */
  sees(city: string | null | undefined): boolean {
    if (this.cities === null) return true;
    return city !== null && city !== undefined && mayActOnCity(this.principal, city);
  }

  /**
   * The condition on a document's city field: the requested city if the scope allows it (nothing matches a
   * city outside the scope), else every city of the scope; undefined when nothing narrows.
   */
  cityCondition(requested?: string): unknown {
    if (requested !== undefined) return this.sees(requested) ? requested : { $in: [] };
    return this.cities === null ? undefined : { $in: [...this.cities] };
  }

  /** Keeps the ids the scope sees, given the city of each. */
  visibleIds(items: Iterable<{ _id: string; city: string }>): Set<string> {
    const visible = new Set<string>();
    for (const item of items) if (this.sees(item.city)) visible.add(item._id);
    return visible;
  }
}

/** The caller's read scope, from the principal the key guard resolved. */
export const CurrentReadScope = createParamDecorator((_data: unknown, context: ExecutionContext): ReadScope => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentReadScope used on an endpoint without authentication');
  return ReadScope.of(request.principal);
});

/** X-Read-Scope: the scope the answer was narrowed to, '*' or the city codes, so a client can say whose view it shows. */
export const READ_SCOPE_HEADER = 'X-Read-Scope';

@Injectable()
export class ReadScopeHeader implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const principal = http.getRequest<{ principal?: Principal }>().principal;
    if (principal)
      void http
        .getResponse<FastifyReply>()
        .header(READ_SCOPE_HEADER, principal.cities === '*' ? '*' : principal.cities.join(','));
    return next.handle();
  }
}

/** On a query controller: every answer names the read scope it applied (header X-Read-Scope). */
export const ReadScoped = () => applyDecorators(UseInterceptors(ReadScopeHeader));
