import { Link, useNavigate, useParams } from 'react-router';
import {
  ApiError,
  addChannel,
  type ChannelFields,
  type ChannelKind,
  type ChannelOwner,
  type ChannelUrgency,
  changeChannel,
  type FieldError,
  getPartnerContact,
  getPartnerOrganisation,
  type PartnerChannel,
  removeChannel,
  type Weekday,
  type WeeklyHours,
} from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { type FormErrors, toFormErrors } from '../ui/form-errors.ts';
import { Checkboxes, changesFrom, codeChoices, Radios, readText, TextField } from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { channelKindLabels, channelKinds, urgencyHints, weekdayLabels, weekdays } from './partner-labels.ts';

// API field name → input id, in the order the fields appear. Problems with one day's hours are
// named `hours.<day>` here, so they show beside that day.
const fields: Record<string, string> = {
  kind: 'kind',
  value: 'value',
  label: 'label',
  urgencies: 'urgencies',
  hours: 'hours',
  ...Object.fromEntries(weekdays.map((day) => [`hours.${day}`, `hours-${day}`])),
  staffedOnBankHolidays: 'bank-holidays',
};

type Owner = { owner: ChannelOwner; name: string; path: string; channels: PartnerChannel[] };

/** Adds a channel (no channelId in the address) or changes one, for an organisation or a contact. */
export function ChannelFormPage() {
  const { organisationId, contactId, channelId } = useParams();
  const [owner, reload] = useResource(
    `channel owner ${organisationId ?? contactId}`,
    async (): Promise<Owner> => {
      if (contactId) {
        const contact = await getPartnerContact(contactId);
        return {
          owner: { contactId },
          name: contact.name,
          path: `/partners/contacts/${contactId}`,
          channels: contact.channels,
        };
      }
      const organisation = await getPartnerOrganisation(organisationId ?? '');
      return {
        owner: { organisationId: organisation.id },
        name: organisation.name,
        path: `/partners/organisations/${organisation.id}`,
        channels: organisation.channels,
      };
    },
  );
  if (owner.status === 'loading') {
    return <Loading />;
  }
  if (owner.status === 'failed') return <LoadProblem error={owner.error} onTryAgain={reload} />;
  const channel = channelId ? owner.data.channels.find((each) => each.id === channelId) : null;
  if (channelId && !channel) {
    return (
      <>
        <h1>Channel not found</h1>
        <p>
          This channel is not one of {owner.data.name}’s. It may have been removed.{' '}
          <Link to={owner.data.path}>Go back to {owner.data.name}</Link>.
        </p>
      </>
    );
  }
  return <ChannelForm owner={owner.data} channel={channel ?? null} />;
}

function ChannelForm({ owner, channel }: { owner: Owner; channel: PartnerChannel | null }) {
  const navigate = useNavigate();
  const title = channel ? `Change a channel for ${owner.name}` : `Add a channel for ${owner.name}`;

  const form = useFormSubmit(
    fields,
    async (values) => {
      const read = readChannelForm(values);
      if ('problems' in read) return read.problems;
      if (channel) {
        const changes = changesFrom(channel, read.values);
        if (Object.keys(changes).length > 0) {
          await changeChannel(owner.owner, channel.id, channel.version, changes);
        }
        const state: NoticeState =
          Object.keys(changes).length > 0 ? { notice: `The ${describe(read.values)} has been changed.` } : {};
        navigate(owner.path, { state });
      } else {
        await addChannel(owner.owner, read.values);
        const state: NoticeState = { notice: `The ${describe(read.values)} has been added.` };
        navigate(owner.path, { state });
      }
    },
    { explainFailure: channelErrorsFrom },
  );

  function remove() {
    if (!channel) return;
    void form.perform(async () => {
      await removeChannel(owner.owner, channel.id);
      const state: NoticeState = { notice: `The ${describe(channel)} has been removed.` };
      navigate(owner.path, { state });
      return undefined;
    });
  }

  const hoursChoice = channel ? (channel.hours === '24/7' ? 'always' : 'set') : '';
  const daySpans = (day: Weekday) =>
    channel && channel.hours !== '24/7' ? (channel.hours[day] ?? []).join(', ') : '';

  return (
    <FormPage back={<BackLink to={owner.path}>Back to {owner.name}</BackLink>} title={title} form={form}>
      <Form form={form}>
        <Radios
          id={fields.kind!}
          name="kind"
          legend="What kind of channel is it?"
          small
          items={codeChoices(channelKinds, channelKindLabels)}
          defaultValues={channel ? [channel.kind] : []}
        />
        <TextField
          id={fields.value!}
          name="value"
          label="Number, email address or web address"
          hint="Like 01632 960 123, duty.team@example.org or https://portal.example.org."
          spellCheck={false}
          defaultValue={channel?.value}
        />
        <TextField
          id={fields.label!}
          name="label"
          label="What it is called (optional)"
          hint="So colleagues know who will answer, like Reception, Duty desk or Emergency Duty Team."
          defaultValue={channel?.label}
        />
        <Checkboxes
          id={fields.urgencies!}
          name="urgencies"
          legend="What is it for?"
          hint="Select all that apply."
          items={codeChoices(['urgent', 'routine', 'out_of_hours'], urgencyChoiceLabels, urgencyHints)}
          defaultValues={channel?.urgencies ?? []}
        />
        <Radios
          id={fields.hours!}
          name="hoursChoice"
          legend="When is it staffed?"
          hint="In UK time."
          items={[
            { value: 'always', label: '24 hours a day, every day', hint: 'Including bank holidays.' },
            { value: 'set', label: 'At set times' },
          ]}
          defaultValues={hoursChoice ? [hoursChoice] : []}
          error={form.errors.byField.get('hours')}
          conditional={{
            set: (
              <>
                <p className="nhsuk-hint">
                  Write each day’s hours like 08:00-18:30. For a break, separate the times with a comma, like
                  09:00-12:30, 13:30-17:00. Use 24:00 for midnight at the end of the day. Leave a day empty if
                  it is not staffed.
                </p>
                {weekdays.map((day) => (
                  <TextField
                    key={day}
                    id={fields[`hours.${day}`]!}
                    name={`hours-${day}`}
                    label={weekdayLabels[day]}
                    widthClass="nhsuk-input--width-20"
                    spellCheck={false}
                    defaultValue={daySpans(day)}
                    error={form.errors.byField.get(`hours.${day}`)}
                  />
                ))}
                <Checkboxes
                  id={fields.staffedOnBankHolidays!}
                  name="staffedOnBankHolidays"
                  legend="Bank holidays"
                  items={[{ value: 'yes', label: 'It is staffed on bank holidays too, at the same times' }]}
                  defaultValues={channel?.staffedOnBankHolidays ? ['yes'] : []}
                />
              </>
            ),
          }}
        />
        <SubmitButton>{channel ? 'Save changes' : 'Add channel'}</SubmitButton>
      </Form>
      {channel ? (
        <>
          <h2>Remove this channel</h2>
          <p>Remove it if it no longer works. Requests will no longer be sent to it.</p>
          <button className="nhsuk-button nhsuk-button--warning" type="button" onClick={remove}>
            Remove channel
          </button>
        </>
      ) : null}
    </FormPage>
  );
}

const urgencyChoiceLabels = {
  urgent: 'Urgent matters',
  routine: 'Routine matters',
  out_of_hours: 'Out of hours',
} as const satisfies Record<ChannelUrgency, string>;

function describe(channel: Pick<ChannelFields, 'kind' | 'value'>): string {
  return `${channelKindLabels[channel.kind].toLowerCase()} ${channel.value}`;
}

function readChannelForm(form: FormData): { values: ChannelFields } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const kind = String(form.get('kind') ?? '');
  const value = readText(form, 'value') ?? '';
  const urgencies = form.getAll('urgencies').map(String) as ChannelUrgency[];
  const hoursChoice = String(form.get('hoursChoice') ?? '');
  if (!kind) problems.push({ field: 'kind', message: 'Choose what kind of channel it is' });
  if (!value) problems.push({ field: 'value', message: 'Enter the number, email address or web address' });
  if (urgencies.length === 0)
    problems.push({ field: 'urgencies', message: 'Choose what the channel is for' });

  let hours: WeeklyHours = '24/7';
  if (!hoursChoice) problems.push({ field: 'hours', message: 'Choose when the channel is staffed' });
  if (hoursChoice === 'set') {
    const setHours: Partial<Record<Weekday, string[]>> = {};
    for (const day of weekdays) {
      const text = readText(form, `hours-${day}`);
      if (!text) continue;
      setHours[day] = text
        .split(/[,;]/)
        .map((span) => span.trim().replace(/\s*(?:to|–|—)\s*/i, '-'))
        .filter(Boolean);
    }
    if (Object.keys(setHours).length === 0) {
      problems.push({
        field: 'hours.monday',
        message: 'Enter the hours for at least one day, or choose 24 hours a day, every day',
      });
    }
    hours = setHours;
  }
  if (problems.length > 0) return { problems };
  return {
    values: {
      kind: kind as ChannelKind,
      value,
      label: readText(form, 'label'),
      urgencies,
      hours,
      staffedOnBankHolidays: hoursChoice === 'always' || form.get('staffedOnBankHolidays') === 'yes',
    },
  };
}

const dayProblem = new RegExp(`(?:^|\\s)(${weekdays.join('|')}): `);

/**
 * The server names a problem with the hours as "hours", its message starting with the day
 * ("friday: …"): each day's problem is shown beside that day.
 */
function channelErrorsFrom(error: unknown): FormErrors | undefined {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return undefined;
  const problems: FieldError[] = [];
  for (const problem of error.fieldErrors) {
    const parts = problem.field === 'hours' ? problem.message.split(dayProblem) : [];
    if (parts.length < 3) {
      problems.push(problem);
      continue;
    }
    // split with a capturing group: [before, day, message, day, message…]
    for (let index = 1; index + 1 < parts.length; index += 2) {
      const day = parts[index] as Weekday;
      problems.push({
        field: `hours.${day}`,
        message: `${weekdayLabels[day]}: ${(parts[index + 1] ?? '').trim()}`,
      });
    }
  }
  return toFormErrors(fields, problems);
}
