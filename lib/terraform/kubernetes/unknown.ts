/** The one notion of an unknown value (lib/core/unknown), under the names the readers use. */
export { AFTER_APPLY as KNOWN_AFTER_APPLY, containsUnknown, isUnknown } from '../../core/unknown';
