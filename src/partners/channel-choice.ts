import { describeMoment } from '../calendar/london-time.ts';
import { isStaffedAt, nextStaffedAt, type StaffedHours, staffedUntil } from '../calendar/working-hours.ts';
import type { ChannelKind, ChannelUrgency } from './partners.table.ts';

/** How urgent the matter is that someone needs to reach a partner about. */
export type RequestUrgency = Exclude<ChannelUrgency, 'out_of_hours'>;

export type ChannelForChoice = StaffedHours & {
  kind: ChannelKind;
  value: string;
  label: string | null;
  urgencies: readonly ChannelUrgency[];
};

export type ChannelChoiceInput<C extends ChannelForChoice> = {
  /** Absent when asking about an organisation as a whole. */
  contact?: { name: string; endedAt: Date | null; channels: readonly C[] } | null;
  organisation: { name: string; channels: readonly C[] };
  urgency: RequestUrgency;
  at: Date;
};

export type ChosenRoute<C> = {
  channel: C;
  whose: 'contact' | 'organisation';
  ownerName: string;
  /** True when the channel was chosen as an out-of-hours fallback. */
  outOfHours: boolean;
  /** When the channel stops being staffed; null when it is staffed around the clock. */
  staffedUntil: Date | null;
};

export type ChannelChoice<C> =
  | { route: ChosenRoute<C>; reason: string }
  | { route: null; reason: string; nextStaffedAt: Date | null };

type Owner<C> = { whose: 'contact' | 'organisation'; name: string; channels: readonly C[] };

// Within one owner, urgent matters go to a voice first and routine ones in writing first, so
// advice for the record arrives written down.
const kindPreference: Record<RequestUrgency | 'out_of_hours', readonly ChannelKind[]> = {
  urgent: ['duty_line', 'phone', 'out_of_hours_line', 'secure_email', 'email', 'portal', 'other'],
  routine: ['secure_email', 'email', 'portal', 'phone', 'duty_line', 'out_of_hours_line', 'other'],
  out_of_hours: ['out_of_hours_line', 'duty_line', 'phone', 'secure_email', 'email', 'portal', 'other'],
};

const kindNames: Record<ChannelKind, string> = {
  phone: 'phone line',
  email: 'email',
  secure_email: 'secure email',
  duty_line: 'duty line',
  out_of_hours_line: 'out-of-hours line',
  portal: 'portal',
  other: 'contact route',
};

/**
 * The staffed channel to use for a matter of this urgency at this moment. In order: the
 * contact's own channel for the urgency, then the organisation's; for urgent matters with
 * neither staffed, an out-of-hours channel (the contact's, then the organisation's). Routine
 * matters never go to an out-of-hours line: they wait for staffed hours. A contact who has
 * moved on is never chosen. Every channel returned is staffed at `at`.
 */
export function chooseChannel<C extends ChannelForChoice>(input: ChannelChoiceInput<C>): ChannelChoice<C> {
  const { urgency, at } = input;
  const contact = input.contact && input.contact.endedAt === null ? input.contact : null;
  const owners: Owner<C>[] = [
    ...(contact ? [{ whose: 'contact' as const, name: contact.name, channels: contact.channels }] : []),
    { whose: 'organisation', name: input.organisation.name, channels: input.organisation.channels },
  ];

  for (const owner of owners) {
    const channel = staffedChannelFor(owner, urgency, at);
    if (channel) {
      return {
        route: routeOf(owner, channel, false, at),
        reason: reasonForChosen(input, owner, channel, at),
      };
    }
  }
  if (urgency === 'urgent') {
    for (const owner of owners) {
      const channel = staffedChannelFor(owner, 'out_of_hours', at);
      if (channel) {
        return {
          route: routeOf(owner, channel, true, at),
          reason: `No channel for urgent matters is staffed at ${describeMoment(at)}, so ${owner.name}’s ${describeChannel(channel)} is used as the out-of-hours route: it is ${staffedText(channel, at)}.`,
        };
      }
    }
  }
  return noRoute(input, owners);
}

function staffedChannelFor<C extends ChannelForChoice>(
  owner: Owner<C>,
  use: ChannelUrgency,
  at: Date,
): C | undefined {
  const preference = kindPreference[use === 'out_of_hours' ? 'out_of_hours' : use];
  return owner.channels
    .filter((channel) => channel.urgencies.includes(use) && isStaffedAt(channel, at))
    .sort((a, b) => preference.indexOf(a.kind) - preference.indexOf(b.kind))[0];
}

function routeOf<C extends ChannelForChoice>(
  owner: Owner<C>,
  channel: C,
  outOfHours: boolean,
  at: Date,
): ChosenRoute<C> {
  return {
    channel,
    whose: owner.whose,
    ownerName: owner.name,
    outOfHours,
    staffedUntil: staffedUntil(channel, at),
  };
}

function reasonForChosen<C extends ChannelForChoice>(
  input: ChannelChoiceInput<C>,
  owner: Owner<C>,
  channel: C,
  at: Date,
): string {
  const chosen = `${owner.name}’s ${owner.whose === 'contact' ? 'own ' : ''}${describeChannel(channel)}`;
  const staffed = staffedText(channel, at);
  if (owner.whose === 'contact' || !input.contact) {
    return `${chosen} serves ${input.urgency} matters and is ${staffed}.`;
  }
  const why =
    input.contact.endedAt !== null
      ? `${input.contact.name} has moved on from this role`
      : `${input.contact.name} has no channel for ${input.urgency} matters staffed at ${describeMoment(at)}`;
  return `${why}, so ${chosen} is used: it is ${staffed}.`;
}

function noRoute<C extends ChannelForChoice>(
  input: ChannelChoiceInput<C>,
  owners: Owner<C>[],
): ChannelChoice<C> {
  const moment = describeMoment(input.at);
  const names = owners.map((owner) => owner.name);
  const anyOf = names.join(' or ');
  // Said first and plainly: no other sentence below is true of owners with nothing in the register.
  if (owners.every((owner) => owner.channels.length === 0)) {
    return {
      route: null,
      nextStaffedAt: null,
      reason: `There is no channel in the register for ${anyOf}.`,
    };
  }
  if (input.urgency === 'routine') {
    const next = nextRoutineOpening(owners, input.at);
    if (next) {
      return {
        route: null,
        nextStaffedAt: next.at,
        reason: `No channel for routine matters is staffed at ${moment}. Routine matters wait for staffed hours: ${next.owner}’s ${describeChannel(next.channel)} is next staffed at ${describeMoment(next.at)}.`,
      };
    }
    const hasRoutine = owners.some((owner) =>
      owner.channels.some((channel) => channel.urgencies.includes('routine')),
    );
    return {
      route: null,
      nextStaffedAt: null,
      reason: hasRoutine
        ? `No channel for routine matters is staffed at ${moment}, and ${noneHas(names, 'channel for routine matters staffed in the next two weeks')}.`
        : `No channel for routine matters is staffed at ${moment}: ${noneHas(names, 'channel for routine matters in the register')}.`,
    };
  }
  const hasOutOfHours = owners.some((owner) =>
    owner.channels.some((channel) => channel.urgencies.includes('out_of_hours')),
  );
  return {
    route: null,
    nextStaffedAt: null,
    reason: hasOutOfHours
      ? `No channel for urgent matters is staffed at ${moment}, and no out-of-hours channel of ${anyOf} is staffed then either.`
      : `No channel for urgent matters is staffed at ${moment}, and ${noneHas(names, 'out-of-hours channel in the register')}.`,
  };
}

/** "Riverside Surgery has no out-of-hours channel", "neither Dr Patel nor Riverside Surgery has an out-of-hours channel". */
function noneHas(names: readonly string[], thing: string): string {
  if (names.length === 1) return `${names[0]} has no ${thing}`;
  const article = /^[aeiou]/i.test(thing) ? 'an' : 'a';
  return `neither ${names.join(' nor ')} has ${article} ${thing}`;
}

function nextRoutineOpening<C extends ChannelForChoice>(owners: Owner<C>[], at: Date) {
  let soonest: { owner: string; channel: C; at: Date } | null = null;
  for (const owner of owners) {
    for (const channel of owner.channels) {
      if (!channel.urgencies.includes('routine')) continue;
      const opens = nextStaffedAt(channel, at);
      if (opens && (!soonest || opens < soonest.at)) soonest = { owner: owner.name, channel, at: opens };
    }
  }
  return soonest;
}

function describeChannel(channel: ChannelForChoice): string {
  const name = kindNames[channel.kind];
  return channel.label ? `${name} “${channel.label}” (${channel.value})` : `${name} (${channel.value})`;
}

function staffedText(channel: ChannelForChoice, at: Date): string {
  const until = staffedUntil(channel, at);
  return until ? `staffed until ${describeMoment(until)}` : 'staffed around the clock';
}
