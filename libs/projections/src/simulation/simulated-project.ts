import { monthOf, projectDecider, type Project, type ProjectCommand } from '@itp/domain';
import { centsToAmount, type PlannedStep, type ProjectPlan } from './project-plan';
import type { Random } from './seeded-random';

const UNITS = [
  'land-resources-department',
  'development-and-reform-commission',
  'power-grid-company',
  'environmental-protection-bureau',
];

/** One simulated project: its state as the decider folds it, and the commands its city bureau sends. */
export class SimulatedProject {
  state: Project = projectDecider.initialState();
  private completedCents = 0;
  private lastReport: { month: string; previousCents: number } | undefined;

  constructor(
    private readonly projectId: string,
    private readonly details: ProjectPlan['details'],
    private readonly rng: Random,
  ) {}

  /** The command for a planned step on `on`, or undefined when there is nothing to send any more. */
  command(step: PlannedStep, on: string): ProjectCommand | undefined {
    if (this.state.status === 'abandoned') return undefined;
    const base = { projectId: this.projectId, recordedOn: on };
    switch (step.kind) {
      case 'register':
        return { type: 'RegisterProject', data: { ...base, ...this.details, identifiedOn: on } };
      case 'advance':
        return { type: 'AdvanceProjectStage', data: { ...base, stage: step.stage, reachedOn: on } };
      case 'sign':
        return { type: 'SignProjectContract', data: { ...base, signedOn: on } };
      case 'register-business':
        return { type: 'RecordBusinessRegistration', data: { ...base, registeredOn: on } };
      case 'xiangnan':
        return { type: 'AssignToXiangnanBatch', data: { ...base, batch: step.batch, assignedOn: on } };
      case 'suspend':
        return { type: 'SuspendProject', data: { ...base, reason: 'land approval delayed', suspendedOn: on } };
      case 'resume':
        return {
          type: 'ResumeProject',
          data: { ...base, resumedOn: on, note: 'land approved at the joint conference' },
        };
      case 'abandon':
        return { type: 'AbandonProject', data: { ...base, reason: 'investor withdrew', abandonedOn: on } };
      case 'report': {
        const previousCents = this.completedCents;
        this.completedCents += Math.max(100, Math.round(this.totalCents() * (0.005 + 0.03 * this.rng.next())));
        this.lastReport = { month: monthOf(on), previousCents };
        return this.report(on);
      }
      case 'correct': {
        if (this.lastReport?.month !== monthOf(on)) return undefined;
        const corrected = Math.floor((this.lastReport.previousCents + this.completedCents) / 200) * 100;
        if (corrected === this.completedCents || corrected < this.lastReport.previousCents) return undefined;
        this.completedCents = corrected;
        return this.report(on, 'figure revised by the park management committee');
      }
      case 'raise':
        return {
          type: 'RaiseProblem',
          data: {
            ...base,
            problemId: step.problemId,
            title: `Problem ${step.problemId}`,
            description: 'Land and power supply approvals pending',
            assignedUnit: this.rng.pick(UNITS),
            raisedOn: on,
          },
        };
      case 'resolve':
        return {
          type: 'ResolveProblem',
          data: { ...base, problemId: step.problemId, resolution: 'settled at the joint conference', resolvedOn: on },
        };
      case 'amend': {
        const { amount, currency } = this.details.totalInvestment;
        const raised = `${Math.round(Number(amount) * 1.1)}.00`;
        return {
          type: 'AmendProjectDetails',
          data: {
            ...base,
            changes: { totalInvestment: { amount: raised, currency } },
            reason: 'second phase added to the contract',
          },
        };
      }
      default: {
        const unknown: never = step;
        throw new Error(`Unknown step ${JSON.stringify(unknown)}`);
      }
    }
  }

  private totalCents(): number {
    return Math.round(Number(this.details.totalInvestment.amount) * 100);
  }

  private report(on: string, correctionReason?: string): ProjectCommand {
    const investmentCompletedToDate = {
      amount: centsToAmount(this.completedCents),
      currency: this.details.totalInvestment.currency,
    };
    return {
      type: 'ReportMonthlyProgress',
      data: {
        projectId: this.projectId,
        recordedOn: on,
        month: monthOf(on),
        investmentCompletedToDate,
        ...(correctionReason ? { correctionReason } : {}),
      },
    };
  }
}
