/**
 * Structural comparison of a recorded payload with the emulator's output: at every path both
 * have, the JSON value types must agree (null matches anything: nullable fields), and every key of
 * the recording must exist in the emulator's output unless it is listed as knowingly absent.
 */
type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

export interface ShapeReport {
  /** `path: recorded type vs emulated type` for each disagreement. */
  typeMismatches: string[];
  /** Paths the recording has and the emulator's output lacks. */
  missingPaths: string[];
}

export function compareShapes(recorded: unknown, emulated: unknown, path = '$'): ShapeReport {
  const report: ShapeReport = { typeMismatches: [], missingPaths: [] };
  const recordedType = typeOf(recorded);
  const emulatedType = typeOf(emulated);
  if (recordedType === 'null' || emulatedType === 'null') return report;
  if (recordedType !== emulatedType) {
    report.typeMismatches.push(`${path}: ${recordedType} vs ${emulatedType}`);
    return report;
  }
  const merge = (inner: ShapeReport) => {
    report.typeMismatches.push(...inner.typeMismatches);
    report.missingPaths.push(...inner.missingPaths);
  };
  if (recordedType === 'array') {
    const [recordedFirst] = recorded as unknown[];
    const [emulatedFirst] = emulated as unknown[];
    if (recordedFirst !== undefined && emulatedFirst !== undefined) {
      merge(compareShapes(recordedFirst, emulatedFirst, `${path}[]`));
    }
  }
  if (recordedType === 'object') {
    const emulatedObject = emulated as Record<string, unknown>;
    for (const [key, value] of Object.entries(recorded as Record<string, unknown>)) {
      if (!(key in emulatedObject)) report.missingPaths.push(`${path}.${key}`);
      else merge(compareShapes(value, emulatedObject[key], `${path}.${key}`));
    }
  }
  return report;
}
