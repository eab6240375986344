import type { BinaryLabels } from '../ModelEntry';
import type { Scores } from './binaryInput';
import { calibrationCurve, type CalibrationOptions } from './calibrationCurve';

/** Expected calibration error: the mean gap |observed − predicted| over the calibration curve's bins, weighted by their rows (0 = perfectly calibrated). */
export function expectedCalibrationError(y: BinaryLabels, p: Scores, options: CalibrationOptions = {}): number {
  return calibrationCurve(y, p, options).ece;
}
