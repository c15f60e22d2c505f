import { ApiSchema } from '@nestjs/swagger';
import { COUNTRY_CODES, RANKING_CODES } from '@itp/domain';
import { DateStr, DateTimeStr, Enum, EnumList, Int, List, Obj, Str, Strs } from '../shared/openapi/view-properties';
import { PageOf } from '../shared/openapi/page-view';
import { ProjectSummaryView } from '../shared/openapi/views.dto';

/** A business registration of one of the firm's projects. */
@ApiSchema({ name: 'InvestorRegistration' })
export class InvestorRegistrationView {
  @Str()
  projectId!: string;

  @DateStr()
  registeredOn!: string;
}

/** The firm's first registration in Hunan; `projectId` null when the project is of a city outside the key's scope. */
@ApiSchema({ name: 'FirstRegistration' })
export class FirstRegistrationView {
  @Str({ nullable: true })
  projectId!: string | null;

  @DateStr()
  registeredOn!: string;
}

/** One investor of the investor library (客商资源库). */
@ApiSchema({ name: 'Investor' })
export class InvestorView {
  @Str()
  investorId!: string;

  @Str()
  name!: string;

  @Enum(COUNTRY_CODES, { description: 'ISO 3166-1 alpha-2' })
  country!: string;

  @Str({ nullable: true, description: '统一社会信用代码, for a Chinese investor' })
  unifiedSocialCreditCode!: string | null;

  @EnumList(RANKING_CODES)
  rankings!: string[];

  @Str({ description: 'The unit whose key registered the investor' })
  registeredByUnit!: string;

  @Strs({ description: "The firm's projects now (a city-scoped key: its cities' only)" })
  projectIds!: string[];

  @List(() => InvestorRegistrationView, { description: 'Every business registration of its projects, by date' })
  registrations!: InvestorRegistrationView[];

  @Obj(() => FirstRegistrationView, { nullable: true })
  firstRegistration!: FirstRegistrationView | null;

  @Int({ minimum: 0 })
  amendments!: number;

  @Int({ minimum: 0 })
  revision!: number;

  @DateTimeStr()
  createdAt!: string;

  @DateTimeStr()
  updatedAt!: string;
}

/** One investor with a summary of each of its projects. */
@ApiSchema({ name: 'InvestorDetail' })
export class InvestorDetailView extends InvestorView {
  @List(() => ProjectSummaryView)
  projects!: ProjectSummaryView[];
}

@ApiSchema({ name: 'InvestorPage' })
export class InvestorPageView extends PageOf(() => InvestorView) {}
