import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';

/** Every park command endpoint: integration clients and admins only, under /api/v1/parks. */
export const ParkCommandController = () =>
  applyDecorators(ApiTags('park commands'), ApiBearerAuth(), Roles('admin', 'integration'), Controller('api/v1/parks'));
