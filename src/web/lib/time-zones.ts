/** Every IANA zone this browser knows, readable ("Europe/Paris" → "Europe / Paris"), the given one first. */
export function timeZoneOptions(preferred: string): { value: string; label: string }[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = [preferred, ...zones.filter((zone) => zone !== preferred)];
  return all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ').replaceAll('/', ' / ') }));
}
