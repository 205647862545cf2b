// Dates people type are UK dates, whatever time zone the device is set to.

/** Today's date in the UK as YYYY-MM-DD. */
export function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** A YYYY-MM-DD date some years on (29 February becomes 1 March in other years). */
export function yearsAfter(isoDate: string, years: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year + years, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** "24 11 2027": how the NHS.UK date input pattern gives an example. */
export function dateInputExample(isoDate: string): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return `${Number(day)} ${Number(month)} ${year}`;
}

/** The last minute of a UK date, as an ISO date-time with its UTC offset (GMT or BST). */
export function endOfDayInLondon(isoDate: string): string {
  const noon = new Date(`${isoDate}T12:00:00Z`);
  const zone =
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' })
      .formatToParts(noon)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = zone === 'GMT' ? '+00:00' : zone.replace('GMT', '');
  return `${isoDate}T23:59:00${offset}`;
}
