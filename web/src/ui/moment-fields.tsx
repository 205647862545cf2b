import { useFormField } from './form.tsx';
import { DateInput, readDateInput, TextField } from './form-fields.tsx';
import { dateInputExample, londonParts, londonToIso, readTimeOfDay, todayInLondon } from './london-time.ts';

/**
 * A moment typed as a UK date and time of day: the date input is `name` (its first box has the
 * id `id`), the time box `name-time`. Starts at `initial`, usually now.
 */
export function MomentFields(props: {
  name: string;
  /** The API's name for the moment, when it is not the inputs' name. */
  field?: string;
  id?: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  initial?: Date | null;
}) {
  const { id, error } = useFormField(props);
  const { name, legend, hint, initial } = props;
  const parts = initial ? londonParts(initial) : null;
  return (
    <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
      <DateInput
        id={id}
        name={name}
        legend="Date"
        hint={hint ?? 'UK time. For example, 21 11 2026.'}
        error={error}
        defaultValue={parts?.date}
      />
      <TextField
        id={`${id}-time`}
        name={`${name}-time`}
        label="Time"
        hint="For example, 9:30am or 21:30."
        widthClass="nhsuk-input--width-5"
        defaultValue={parts?.time}
      />
    </fieldset>
  );
}

/** The moment typed into MomentFields as an ISO date-time with its UK offset, or what is wrong. */
export function readMoment(
  form: FormData,
  name: string,
  what: string,
): { moment: string } | { problem: string } {
  const date = readDateInput(form, name, what);
  if ('problem' in date) return date;
  const timeText = String(form.get(`${name}-time`) ?? '').trim();
  if (date.date === null) return { problem: `Enter the date and time of ${what.toLowerCase()}` };
  if (!timeText) return { problem: `Enter the time of ${what.toLowerCase()}, like 9:30am or 21:30` };
  const time = readTimeOfDay(timeText);
  if (!time) return { problem: 'Enter the time as it shows on a clock, like 9:30am or 21:30' };
  return { moment: londonToIso(date.date, time) };
}

/** The day something was done, which is usually today: starts on today, and gives it as the example. */
export function DayDoneInput({ name, legend }: { name: string; legend: string }) {
  const today = todayInLondon();
  return (
    <DateInput
      name={name}
      legend={legend}
      hint={`For example, ${dateInputExample(today)}`}
      defaultValue={today}
    />
  );
}
