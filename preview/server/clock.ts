/**
 * The preview user's time zone: the one lightning-base-components formats dates in (America/Los_Angeles),
 * so dates the server formats, "today" in formulas and Apex stand-ins, and dates components format agree.
 */
export const PREVIEW_TIME_ZONE = 'America/Los_Angeles';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PREVIEW_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit'
});

/** Today's date (YYYY-MM-DD) in the preview user's time zone. */
export function todayIn(now: Date): string {
  return dayFormat.format(now);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: PREVIEW_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit'
});

/** A date and time as `Datetime.format()` shows it to the preview user: `11/12/2026, 2:00 AM`. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
