/** ISO calendar dates (YYYY-MM-DD), as Apex `Date` serialises them. */
const MS_PER_DAY = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
