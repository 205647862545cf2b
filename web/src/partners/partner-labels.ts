import * as vocabulary from '../../../src/partners/partners.vocabulary.ts';
import type { ChannelKind, ChannelUrgency, PartnerType, Weekday, WeeklyHours } from '../api.ts';

// The words are the server's (src/partners/partners.vocabulary.ts), so that pages,
// emails and documents say the same; the compiler checks they name every code the API sends.

export const partnerTypeLabels = vocabulary.partnerTypeLabels satisfies Record<PartnerType, string>;

/** In the order people look for them: health first, then social care, then everyone else. */
export const partnerTypes = Object.keys(partnerTypeLabels) as PartnerType[];

export const partnerTypeOptions = partnerTypes.map((type) => ({
  value: type,
  label: partnerTypeLabels[type],
}));

export const channelKindLabels = vocabulary.channelKindLabels satisfies Record<ChannelKind, string>;

/**
 * "Phone: NHS 111 (evenings and weekends)": a channel's kind and its own label. A colon, not
 * brackets, so a label that has brackets of its own does not nest them.
 */
export function describeChannelName(kind: ChannelKind, label: string | null): string {
  return label ? `${channelKindLabels[kind]}: ${label}` : channelKindLabels[kind];
}

export const channelKinds = Object.keys(channelKindLabels) as ChannelKind[];

export const urgencyLabels = vocabulary.channelUrgencyLabels satisfies Record<ChannelUrgency, string>;

export const urgencyHints = {
  urgent: 'A matter that cannot wait for the next working day.',
  routine: 'A matter that can wait for staffed hours: updates, questions, appointments.',
  out_of_hours: 'Used for urgent matters when nothing for urgent matters is staffed.',
} as const satisfies Record<ChannelUrgency, string>;

export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const satisfies readonly Weekday[];

export const weekdayLabels = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
} as const satisfies Record<Weekday, string>;

/** "08:30" → "8:30am", "12:00" → "midday", "24:00" → "midnight" (the NHS.UK style for times). */
export function formatClockTime(text: string): string {
  const [hourText = '0', minuteText = '00'] = text.split(':');
  const hour = Number(hourText);
  if ((hour === 0 || hour === 24) && minuteText === '00') return 'midnight';
  if (hour === 12 && minuteText === '00') return 'midday';
  const twelveHour = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 || hour === 24 ? 'am' : 'pm';
  return `${twelveHour}${minuteText === '00' ? '' : `:${minuteText}`}${suffix}`;
}

/** "08:00-18:30" → "8am to 6:30pm". */
export function formatSpan(span: string): string {
  const [start = '', end = ''] = span.split(/\s*[-–]\s*/);
  return `${formatClockTime(start)} to ${formatClockTime(end)}`;
}

/**
 * A channel's staffed hours as lines a person reads, with days that share the same hours
 * grouped: ["Monday to Friday: 8am to 6:30pm", "Saturday: 9am to midday"].
 */
export function describeHours(hours: WeeklyHours): string[] {
  if (hours === '24/7') return ['24 hours a day, every day'];
  const lines: string[] = [];
  let index = 0;
  while (index < weekdays.length) {
    const day = weekdays[index]!;
    const spans = hours[day] ?? [];
    let last = index;
    while (last + 1 < weekdays.length && sameSpans(hours[weekdays[last + 1]!] ?? [], spans)) last += 1;
    if (spans.length > 0) {
      const days =
        last === index ? weekdayLabels[day] : `${weekdayLabels[day]} to ${weekdayLabels[weekdays[last]!]}`;
      lines.push(`${days}: ${spans.map(formatSpan).join(' and ')}`);
    }
    index = last + 1;
  }
  return lines.length > 0 ? lines : ['Not staffed on any day'];
}

function sameSpans(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((span, index) => span === b[index]);
}

/** A tel: or mailto: address for the channels a browser can open, else null. */
export function channelHref(kind: ChannelKind, value: string): string | null {
  switch (kind) {
    case 'phone':
    case 'duty_line':
    case 'out_of_hours_line':
      return `tel:${value.replace(/[^+\d]/g, '')}`;
    case 'email':
    case 'secure_email':
      return `mailto:${value}`;
    case 'portal':
      return /^https?:\/\//.test(value) ? value : null;
    case 'other':
      return null;
  }
}
