import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException, problem } from '../problem-details/problem-details';
import { API_KEY_REGISTRY, ApiKeyRegistry } from './api-keys';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { principalOf, unauthenticated } from './bearer';
import type { Principal, Role } from './principal';

/** Global guard: a bearer key on every endpoint but those marked @Public(), and a role the endpoint allows. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_REGISTRY) private readonly registry: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = principalOf(this.registry, request.headers.authorization);
    if (!principal) throw unauthenticated();
    request.principal = principal;

    // Fail closed: an endpoint that forgot to declare its roles is open to nobody but admins.
    const allowed = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? ['admin'];
    if (!allowed.includes(principal.role)) {
      throw new ProblemException(
        problem(403, 'forbidden-role', 'Role not allowed', {
          detail: `Role "${principal.role}" may not call this endpoint; allowed: ${allowed.join(', ')}.`,
        }),
      );
    }
    return true;
  }
}
