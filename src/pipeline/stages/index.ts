import { assertUnreachable } from '../../core/assertUnreachable';
import type { Stage } from '../RunContext';
import type { StageName } from '../RunConfig';
import { clusterStage } from './clusterStage';
import { clvStage } from './clvStage';
import { driftStage } from './driftStage';
import { exportStage } from './exportStage';
import { featuresStage } from './featuresStage';
import { loadStage } from './loadStage';
import { modelsStage } from './modelsStage';
import { profileStage } from './profileStage';
import { reportStage } from './reportStage';

/** The stage for a name; a new StageName that is not wired here fails to compile. */
export function stageFor(name: StageName): Stage {
  switch (name) {
    case 'load':
      return loadStage;
    case 'profile':
      return profileStage;
    case 'features':
      return featuresStage;
    case 'cluster':
      return clusterStage;
    case 'clv':
      return clvStage;
    case 'models':
      return modelsStage;
    case 'drift':
      return driftStage;
    case 'report':
      return reportStage;
    case 'export':
      return exportStage;
    default:
      return assertUnreachable(name, 'stage');
  }
}
