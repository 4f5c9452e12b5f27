import { toIsoWithOffset } from '../time/berlin-time.js';
import { formatDateTime } from '../time/format.js';

/** A point in time for people and machines: readable text (staff pages) in a `<time>` element. */
export function DateTime({ value }: { value: Date }) {
  return <time dateTime={toIsoWithOffset(value)}>{formatDateTime(value)}</time>;
}
