/**
 * The day numbers printed under a month's bars: the 1st, every fifth day, the last day and
 * today. On a phone a day's column is narrower than two digits, so a number is left out when
 * it would touch another printed one: the 30th beside a 31st, any of them beside today.
 */
export function labelledDays(daysInMonth: number, today: number | null): Set<number> {
  const labelled = new Set<number>();
  const isMilestone = (day: number) => day === 1 || day === daysInMonth || day % 5 === 0;
  for (let day = 1; day <= daysInMonth; day++) {
    if (day === today) labelled.add(day);
    else if (!isMilestone(day)) continue;
    else if (today !== null && Math.abs(day - today) === 1) continue;
    else if (day === daysInMonth - 1) continue;
    else labelled.add(day);
  }
  return labelled;
}
