import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  type EscalationRoute,
  type EscalationRouteSetting,
  type EscalationRouteTemplate,
  type EscalationTarget,
  listEscalationRoutes,
  type RequestUrgency,
  type StepDelay,
  setEscalationRoute,
} from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { routeTemplateLabels, targetLabels, targets } from './message-labels.ts';

const backTo = '/messages/escalation-routes';
const unitLabels = {
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  next_working_morning: 'next working day, 9am',
} as const satisfies Record<StepDelay['unit'], string>;
const units = Object.keys(unitLabels) as StepDelay['unit'][];

type StepRow = {
  key: number;
  unit: StepDelay['unit'];
  amount: string;
  target: EscalationTarget;
  stops: boolean;
};

export function EscalationRouteFormPage() {
  const { template = '', urgency = '' } = useParams();
  const [routes, reload] = useResource('escalation routes', listEscalationRoutes);
  if (routes.status === 'loading') return <Loading />;
  if (routes.status === 'failed') {
    return (
      <>
        <BackLink to={backTo}>Back to escalation routes</BackLink>
        <h1>Change an escalation route</h1>
        <LoadProblem error={routes.error} onTryAgain={reload} />
      </>
    );
  }
  const setting = routes.data.items.find((each) => each.template === template && each.urgency === urgency);
  if (!setting) {
    return (
      <>
        <BackLink to={backTo}>Back to escalation routes</BackLink>
        <h1>There is no such escalation route</h1>
      </>
    );
  }
  return <RouteForm setting={setting} />;
}

function RouteForm({ setting }: { setting: EscalationRouteSetting }) {
  const navigate = useNavigate();
  const [rows, setRows] = useState<StepRow[]>(() =>
    setting.route.steps.map((step, index) => ({
      key: index,
      unit: step.delay.unit,
      amount: step.delay.unit === 'next_working_morning' ? '' : String(step.delay.amount),
      target: step.target,
      stops: step.stopsOnAcknowledgement,
    })),
  );
  const [nextKey, setNextKey] = useState(setting.route.steps.length);
  const [repeatSteps, setRepeatSteps] = useState(String(setting.route.repeat?.lastSteps ?? ''));
  const [repeatTimes, setRepeatTimes] = useState(String(setting.route.repeat?.times ?? ''));
  const title = `${routeTemplateLabels[setting.template]}, ${setting.urgency}`;

  const change = (key: number, changes: Partial<StepRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...changes } : row)));

  // The API names a step `step-N`; its problem shows beside that step's delay.
  const fields = Object.fromEntries([
    ...rows.map((_row, index) => [`step-${index + 1}`, `step-${index + 1}-amount`]),
    ['route', 'add-step'],
    ['repeat', 'repeat-steps'],
  ]) as Record<string, string>;
  const form = useFormSubmit(fields, async () => {
    const problems: { field: string; message: string }[] = [];
    const steps: EscalationRoute['steps'] = rows.map((row, index) => {
      const amount = Number(row.amount);
      if (
        row.unit !== 'next_working_morning' &&
        (!/^\d+$/.test(row.amount.trim()) || !Number.isInteger(amount))
      ) {
        problems.push({
          field: `step-${index + 1}`,
          message: `Step ${index + 1}: enter the delay as a whole number`,
        });
      }
      return {
        delay: row.unit === 'next_working_morning' ? { unit: row.unit } : { unit: row.unit, amount },
        target: row.target,
        stopsOnAcknowledgement: row.stops,
      };
    });
    if (steps.length === 0) problems.push({ field: 'route', message: 'A route needs at least one step' });
    let repeat: EscalationRoute['repeat'] = null;
    if (repeatSteps.trim() || repeatTimes.trim()) {
      if (!/^\d+$/.test(repeatSteps.trim()) || !/^\d+$/.test(repeatTimes.trim())) {
        problems.push({
          field: 'repeat',
          message: 'Enter how many steps repeat and how many times, as whole numbers',
        });
      } else {
        repeat = { lastSteps: Number(repeatSteps), times: Number(repeatTimes) };
      }
    }
    if (problems.length > 0) return problems;
    await setEscalationRoute(
      setting.template as EscalationRouteTemplate,
      setting.urgency as RequestUrgency,
      setting.version,
      {
        steps,
        repeat,
      },
    );
    const state: NoticeState = { notice: `The route for ${title} has been changed.` };
    navigate(backTo, { state });
  });
  usePageTitle(`Change the escalation route: ${title}`, form.hasErrors);

  return (
    <>
      <BackLink to={backTo}>Back to escalation routes</BackLink>
      <ErrorSummary items={form.errors.items} />
      <h1>
        <span className="nhsuk-caption-l">{title}</span>
        Change the escalation route
      </h1>
      <p>
        The first step’s delay counts from the deadline; each other step’s from the step before. Messages
        already sent keep their own route.
      </p>
      <Form form={form}>
        {rows.map((row, index) => (
          <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4" key={row.key}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Step {index + 1}</legend>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor={`step-${index + 1}-amount`}>
                {index === 0 ? 'How long after the deadline' : 'How long after the step before'}
              </label>
              <input
                className="nhsuk-input nhsuk-input--width-4 nhsuk-u-margin-right-2"
                id={`step-${index + 1}-amount`}
                type="text"
                inputMode="numeric"
                value={row.amount}
                disabled={row.unit === 'next_working_morning'}
                onChange={(event) => change(row.key, { amount: event.currentTarget.value })}
              />
              <label className="nhsuk-u-visually-hidden" htmlFor={`step-${index + 1}-unit`}>
                Unit for step {index + 1}
              </label>
              <select
                className="nhsuk-select"
                id={`step-${index + 1}-unit`}
                value={row.unit}
                onChange={(event) =>
                  change(row.key, { unit: event.currentTarget.value as StepDelay['unit'] })
                }
              >
                {units.map((unit) => (
                  <option key={unit} value={unit}>
                    {unitLabels[unit]}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor={`step-${index + 1}-target`}>
                Who it reaches
              </label>
              <select
                className="nhsuk-select"
                id={`step-${index + 1}-target`}
                value={row.target}
                onChange={(event) =>
                  change(row.key, { target: event.currentTarget.value as EscalationTarget })
                }
              >
                {targets.map((target) => (
                  <option key={target} value={target}>
                    {targetLabels[target]}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-3">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id={`step-${index + 1}-stops`}
                  type="checkbox"
                  checked={row.stops}
                  onChange={(event) => change(row.key, { stops: event.currentTarget.checked })}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`step-${index + 1}-stops`}>
                  Not needed once they acknowledge
                </label>
              </div>
            </div>
            {rows.length > 1 ? (
              <button
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                type="button"
                onClick={() => setRows((current) => current.filter((each) => each.key !== row.key))}
              >
                Remove step {index + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button
          className="nhsuk-button nhsuk-button--secondary"
          id="add-step"
          type="button"
          onClick={() => {
            setRows((current) => [
              ...current,
              { key: nextKey, unit: 'hours', amount: '1', target: 'remind_same_contact', stops: false },
            ]);
            setNextKey((key) => key + 1);
          }}
        >
          Add a step
        </button>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Repeat (optional)</legend>
          <div className="nhsuk-hint">Leave both empty for no repeats.</div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="repeat-steps">
              How many of the last steps repeat
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-4"
              id="repeat-steps"
              type="text"
              inputMode="numeric"
              value={repeatSteps}
              onChange={(event) => setRepeatSteps(event.currentTarget.value)}
            />
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="repeat-times">
              How many times
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-4"
              id="repeat-times"
              type="text"
              inputMode="numeric"
              value={repeatTimes}
              onChange={(event) => setRepeatTimes(event.currentTarget.value)}
            />
          </div>
        </fieldset>
        <SubmitButton>Save the route</SubmitButton>
      </Form>
    </>
  );
}
