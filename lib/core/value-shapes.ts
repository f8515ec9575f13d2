/** P1 shapes of the core value classes, shared by every construct's props shape. */
import { Duration } from './duration';
import { DrainingPolicy } from './draining-policy';
import { anInstance } from './shape';

/** A `Duration` (never a bare number of unknown unit). */
export const DURATION = (example = 'Duration.seconds(30)') =>
  anInstance('Duration', example, (v) => v instanceof Duration);

/** A `DrainingPolicy`. */
export const DRAINING = (example = 'DrainingPolicy.of(Duration.seconds(60))') =>
  anInstance('DrainingPolicy', example, (v) => v instanceof DrainingPolicy);
