import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';

/** Every investor command endpoint: integration clients and admins only, under /api/v1/investors. */
export const InvestorCommandController = () =>
  applyDecorators(
    ApiTags('investor commands'),
    ApiBearerAuth(),
    Roles('admin', 'integration'),
    Controller('api/v1/investors'),
  );
