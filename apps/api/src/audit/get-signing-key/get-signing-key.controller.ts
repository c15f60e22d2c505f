import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { ApiProblems, ApiQueryAnswer, AUTH_PROBLEMS } from '../../shared/openapi/api-responses';
import { NOTARY_DISABLED } from '../notary/notary-docs';
import { NotaryHost } from '../notary/notary-host.service';
import { SigningKeyView } from '../notary/notary-views.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('api/v1/audit/signing-key')
export class GetSigningKeyController {
  constructor(private readonly notary: NotaryHost) {}

  @Get()
  @ApiOperation({ summary: 'The public key that verifies the signed checkpoints (Ed25519, SPKI PEM)' })
  @ApiQueryAnswer(SigningKeyView, '{ algorithm, keyId, publicKey }', { readScope: false })
  @ApiProblems({ ...AUTH_PROBLEMS, 409: NOTARY_DISABLED })
  key(): { algorithm: 'Ed25519'; keyId: string; publicKey: string } {
    const { keyId, publicKeyPem } = this.notary.signingKey();
    return { algorithm: 'Ed25519', keyId, publicKey: publicKeyPem };
  }
}
