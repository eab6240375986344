import { assertUnreachable } from '../../core/assertUnreachable';
import { savedJsonError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import type { BinaryLabels, FittedModel } from '../ModelEntry';
import type { Scores } from './binaryInput';
import { IsotonicCalibration, IsotonicCalibrator } from './IsotonicCalibration';
import { PlattCalibrator, PlattScaling } from './PlattScaling';

/** `models.calibration`: none, Platt scaling (a logistic of an affine map of the raw score) or isotonic (a non-decreasing piecewise-linear map). */
export const CALIBRATION_METHODS = ['none', 'platt', 'isotonic'] as const;
export type CalibrationMethod = (typeof CALIBRATION_METHODS)[number];

/** A fitted calibrator: maps a model's raw score (decisionFunction, log-odds) to a probability. */
export type Calibrator = PlattCalibrator | IsotonicCalibrator;

/**
 * Fit the method's calibrator on raw scores and their labels (the caller passes out-of-fold scores, so the
 * calibrator never sees a score of a row its model was fitted on); null for 'none'.
 */
export function fitCalibrator(method: CalibrationMethod, raw: Scores, y: BinaryLabels): Calibrator | null {
  switch (method) {
    case 'none':
      return null;
    case 'platt':
      return new PlattScaling().fit(raw, y);
    case 'isotonic':
      return new IsotonicCalibration().fit(raw, y);
    default:
      return assertUnreachable(method, 'calibration method');
  }
}

/** The method a calibrator implements ('none' for null). */
export function calibrationMethodOf(calibrator: Calibrator | null): CalibrationMethod {
  if (calibrator === null) return 'none';
  return calibrator instanceof PlattCalibrator ? 'platt' : 'isotonic';
}

/** Restore a calibrator saved by its toJSON (kind 'platt' or 'isotonic'); anything else is a UsageError saying what. */
export function calibratorFromJSON(json: unknown): Calibrator {
  const kind = json !== null && typeof json === 'object' ? (json as { kind?: unknown }).kind : undefined;
  if (kind === 'platt') return PlattCalibrator.fromJSON(json);
  if (kind === 'isotonic') return IsotonicCalibrator.fromJSON(json);
  throw savedJsonError('calibrator', `kind is ${JSON.stringify(kind)}, expected "platt" or "isotonic"`);
}

/** A model's probabilities: its own, or the calibrator's map of its raw scores. */
export function calibratedProbability(model: FittedModel, calibrator: Calibrator | null, X: Matrix): Float64Array {
  return calibrator === null ? model.predictProba(X) : calibrator.predict(model.decisionFunction(X));
}
