// Liaison's people and partners are in the UK: times are shown in UK time whatever the device says.
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** Like "21 November 2026". */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** Like "21 November 2026 at 9:05am" (the NHS.UK style for times). */
export function formatDateTime(iso: string): string {
  return `${dateFormat.format(new Date(iso))} at ${formatTime(iso)}`;
}

/** Like "9:05am", UK time. */
export function formatTime(iso: string): string {
  const parts = timeFormat.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')}${part('dayPeriod').toLowerCase().replace(/\s/g, '')}`;
}

/** "in 45 seconds", "in 3 minutes": for Retry-After. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
