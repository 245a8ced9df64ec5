/**
 * A time on the `offset`-th working day from today (Monday to Friday; negative counts back), in
 * UTC. The demo practice opens on weekdays, so its seeded appointments fall on weekdays too,
 * whatever day the demo is started.
 */
export function workingDayAt(offset: number, hours: number, minutes = 0, now = new Date()): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  const step = Math.sign(offset);
  for (let left = Math.abs(offset); left > 0; ) {
    day.setUTCDate(day.getUTCDate() + step);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day;
}
