import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { COUNTRY_CODES, RANKING_CODES, type Ranking } from '@itp/domain';
import { RequiredText } from '../../shared/dto/common.dto';
import { ApiCode, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class RegisterInvestorDto {
  @ApiText(200)
  @RequiredText(200)
  name!: string;

  /** ISO 3166-1 alpha-2. */
  @ApiCode(COUNTRY_CODES, { description: 'ISO 3166-1 alpha-2' })
  @IsIn(COUNTRY_CODES)
  country!: string;

  /** 统一社会信用代码: required for a Chinese (CN) investor, absent otherwise. */
  @ApiProperty({
    type: String,
    required: false,
    nullable: true,
    pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$',
    description:
      '统一社会信用代码 (GB 32100; its last character checks the other 17): required for a Chinese (CN) investor, absent (or null) otherwise',
    example: '91430100MA4L0ABCDT',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/, {
    message: 'unifiedSocialCreditCode must be 18 characters of the GB 32100 alphabet (the 3rd to 8th digits)',
  })
  unifiedSocialCreditCode?: string | null;

  @ApiProperty({ enum: [...RANKING_CODES], isArray: true, uniqueItems: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(RANKING_CODES, { each: true })
  rankings!: Ranking[];
}
