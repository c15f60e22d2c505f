import { evolveProject } from './project.evolve';
import { initialProjectState, type Project } from './project.state';
import type { ProjectEvent } from './project.events';
import {
  abandoned,
  contractSigned,
  PROJECT_ID,
  projectRegistered,
  stageAdvanced,
  suspended,
} from '../testing/project-fixtures';

const fold = (...events: ProjectEvent[]): Project => events.reduce(evolveProject, initialProjectState());

describe('evolveProject', () => {
  it('starts absent', () => expect(fold()).toEqual({ status: 'absent' }));

  it('builds an active lead from its registration', () =>
    expect(fold(projectRegistered())).toMatchObject({
      status: 'active',
      stage: 'intention',
      lastMilestoneOn: '2014-01-10',
      signedOn: null,
    }));

  it('follows the stages and remembers the signing', () =>
    expect(
      fold(projectRegistered(), contractSigned('2014-03-01'), stageAdvanced('signed', 'landed', '2014-04-01')),
    ).toMatchObject({
      stage: 'landed',
      signedOn: '2014-03-01',
      lastMilestoneOn: '2014-04-01',
    }));

  it('suspends, resumes at the same stage, and abandons', () => {
    const history = [projectRegistered(), contractSigned('2014-03-01'), suspended('2014-04-15')];
    expect(fold(...history)).toMatchObject({
      status: 'suspended',
      stage: 'signed',
      suspendedOn: '2014-04-15',
      suspensionReason: 'land approval delayed',
    });
    const resumed: ProjectEvent = {
      type: 'ProjectResumed',
      data: { projectId: PROJECT_ID, stage: 'signed', resumedOn: '2014-05-01', note: null },
    };
    const active = fold(...history, resumed);
    expect(active).toMatchObject({ status: 'active', stage: 'signed', lastMilestoneOn: '2014-05-01' });
    expect(active).not.toHaveProperty('suspendedOn');
    expect(fold(...history, resumed, abandoned('2014-05-02'))).toMatchObject({
      status: 'abandoned',
      abandonedOn: '2014-05-02',
      abandonReason: 'investor withdrew',
    });
  });

  it('ignores events of a project never registered rather than inventing one', () =>
    expect(fold(contractSigned())).toEqual({ status: 'absent' }));
});
