import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'itp:isPublic';
export const REQUIRED_ROLES = 'itp:roles';

/** The only unauthenticated endpoints are marked so, one by one (health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Roles allowed on an endpoint; every authenticated endpoint must declare them (the guard refuses otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on an endpoint without authentication');
  return request.principal;
});
