import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { COUNTRY_CODES, RANKING_CODES, type Ranking } from '@itp/domain';
import { RequiredText } from '../../shared/dto/common.dto';

export class RegisterInvestorDto {
  @RequiredText(200)
  name!: string;

  /** ISO 3166-1 alpha-2. */
  @IsIn(COUNTRY_CODES)
  country!: string;

  /** 统一社会信用代码: required for a Chinese (CN) investor, absent otherwise. */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, {
    message: 'unifiedSocialCreditCode must be 18 characters of the GB 32100 alphabet',
  })
  unifiedSocialCreditCode?: string;

  @IsArray()
  @ArrayUnique()
  @IsIn(RANKING_CODES, { each: true })
  rankings!: Ranking[];
}
