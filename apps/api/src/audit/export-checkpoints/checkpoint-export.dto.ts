import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  ValidateBy,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { isInstant, MAX_POSITION, OptionalField } from '../../shared/dto/common.dto';
import { ClosedBody, TEXT_PATTERN } from '../../shared/openapi/api-properties';

/** An RFC 3339 date-time, taken as it is (not upper-cased: the signature covers the text as exported). */
const IsRfc3339 = () =>
  ValidateBy({
    name: 'isRfc3339',
    validator: {
      validate: isInstant,
      defaultMessage: (args) => `${args?.property} must be an RFC 3339 date-time, e.g. 2014-06-30T16:00:00Z`,
    },
  });

/** One signed checkpoint, as exported. */
@ClosedBody()
export class SignedCheckpointDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'How many events of the log it covers' })
  @IsInt()
  @Min(1)
  @Max(MAX_POSITION)
  seq!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Global position of the last event it covers' })
  @IsInt()
  @Min(1)
  @Max(MAX_POSITION)
  position!: number;

  @ApiProperty({ description: 'The global chain link of that event (hex SHA-256)', pattern: '^[0-9a-f]{64}$' })
  @Matches(/^[0-9a-f]{64}$/)
  link!: string;

  @ApiProperty({ format: 'date-time', description: 'RFC 3339, as exported (the signature covers it as it is)' })
  @IsRfc3339()
  recordedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'RFC 3339, as exported (the signature covers it as it is)' })
  @IsRfc3339()
  signedAt!: string;

  @ApiProperty({
    description: 'Id of the signing key (first 16 hex digits of the SHA-256 of its public key)',
    pattern: '^[0-9a-f]{16}$',
  })
  @Matches(/^[0-9a-f]{16}$/)
  keyId!: string;

  @ApiProperty({ description: 'Ed25519 signature, base64', maxLength: 200, pattern: '^[A-Za-z0-9+/]+={0,2}$' })
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/)
  signature!: string;
}

export const MAX_EXPORTED_CHECKPOINTS = 3_000;

/**
 * What GET /api/v1/audit/checkpoints answers, posted back as it is (or only its `checkpoints`). Its optional
 * members may be absent, not null (the schema says string).
 */
@ClosedBody()
export class CheckpointExportDto {
  @ApiPropertyOptional({ enum: ['Ed25519'] })
  @OptionalField()
  @IsIn(['Ed25519'])
  algorithm?: 'Ed25519';

  @ApiPropertyOptional({
    description: "Ignored: signatures are checked with this api's own key",
    pattern: '^[0-9a-f]{16}$',
  })
  @OptionalField()
  @Matches(/^[0-9a-f]{16}$/)
  keyId?: string;

  @ApiPropertyOptional({
    description: "Ignored: signatures are checked with this api's own key (PEM text)",
    maxLength: 1_000,
    pattern: TEXT_PATTERN,
  })
  @OptionalField()
  @IsString()
  @MaxLength(1_000)
  publicKey?: string;

  @ApiProperty({ type: [SignedCheckpointDto], maxItems: MAX_EXPORTED_CHECKPOINTS })
  @IsArray()
  @ArrayMaxSize(MAX_EXPORTED_CHECKPOINTS)
  @ValidateNested({ each: true })
  @Type(() => SignedCheckpointDto)
  checkpoints!: SignedCheckpointDto[];
}
