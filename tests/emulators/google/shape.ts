/**
 * Compares two JSON documents by shape: at every path both have, the value types must agree.
 * Arrays are compared through their first elements. Paths only the fixture has are reported
 * separately, so each spec states which keys the emulator may leave out.
 */

export interface ShapeReport {
  typeMismatches: string[];
  missingInEmulator: string[];
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

export function compareShape(
  emulated: unknown,
  recorded: unknown,
  typeExceptions: Record<string, string> = {},
  path = '$',
  report: ShapeReport = { typeMismatches: [], missingInEmulator: [] },
): ShapeReport {
  const expectedKind = typeExceptions[path] ?? kind(recorded);
  if (kind(emulated) !== expectedKind) {
    report.typeMismatches.push(`${path}: emulator ${kind(emulated)}, recorded ${expectedKind}`);
    return report;
  }
  if (Array.isArray(emulated) && Array.isArray(recorded)) {
    if (emulated.length > 0 && recorded.length > 0) {
      compareShape(emulated[0], recorded[0], typeExceptions, `${path}[]`, report);
    }
  } else if (kind(recorded) === 'object') {
    const actual = emulated as Record<string, unknown>;
    for (const [key, value] of Object.entries(recorded as Record<string, unknown>)) {
      const childPath = `${path}.${key}`;
      if (key in actual) compareShape(actual[key], value, typeExceptions, childPath, report);
      else report.missingInEmulator.push(childPath);
    }
  }
  return report;
}
