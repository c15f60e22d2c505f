import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itp/platform';
import { NotaryHost } from '../notary/notary-host.service';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('api/v1/audit/signing-key')
export class GetSigningKeyController {
  constructor(private readonly notary: NotaryHost) {}

  @Get()
  @ApiOperation({ summary: 'The public key that verifies the signed checkpoints (Ed25519, SPKI PEM)' })
  key(): { algorithm: 'Ed25519'; keyId: string; publicKey: string } {
    const { keyId, publicKeyPem } = this.notary.signingKey();
    return { algorithm: 'Ed25519', keyId, publicKey: publicKeyPem };
  }
}
