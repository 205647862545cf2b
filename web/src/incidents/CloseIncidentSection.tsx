import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  closeIncident,
  type FieldError,
  type InterimMeasure,
  listInterimMeasures,
  listProposedMessages,
} from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { Checkboxes, readChoices, readText, TextArea } from '../ui/form-fields.tsx';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading, Moment } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { measureKindLabels } from './incident-labels.ts';
import { incidentPath, useIncident } from './incident-parts.tsx';

const fields = { endedAt: 'endedAt', findings: 'findings', confirmOutstanding: 'confirmOutstanding' };

export function CloseIncidentSection() {
  const { incident } = useIncident();
  // What closing would leave undone, as the server checks it: measures in place, updates unsent.
  const [outstanding, reload] = useResource(`outstanding ${incident.id} ${incident.status}`, async () => {
    if (incident.status === 'closed') return { measures: [], unsent: 0 };
    const [measures, proposals] = await Promise.all([
      listInterimMeasures(incident.id),
      listProposedMessages(incident.id),
    ]);
    return {
      measures: measures.items.filter((measure) => measure.endedAt === null),
      unsent: proposals.items.filter((proposal) => !proposal.alreadySent).length,
    };
  });
  usePageTitle(`Close the incident: ${incident.title}`);
  if (incident.status === 'closed') {
    return (
      <>
        <h2>Close the incident</h2>
        <p>This incident is closed.</p>
      </>
    );
  }
  if (outstanding.status === 'loading') return <Loading />;
  if (outstanding.status === 'failed') return <LoadProblem error={outstanding.error} onTryAgain={reload} />;
  return <CloseForm measures={outstanding.data.measures} unsent={outstanding.data.unsent} />;
}

function CloseForm({ measures, unsent }: { measures: readonly InterimMeasure[]; unsent: number }) {
  const { incident, reload } = useIncident();
  const navigate = useNavigate();
  const [initialEnd] = useState(() => (incident.endedAt ? new Date(incident.endedAt) : new Date()));
  const hasOutstanding = measures.length > 0 || unsent > 0;

  const form = useFormSubmit(fields, async (values) => {
    const problems: FieldError[] = [];
    const endedAt = readMoment(values, 'endedAt', 'The end');
    if ('problem' in endedAt) problems.push({ field: 'endedAt', message: endedAt.problem });
    const confirmed = readChoices(values, 'confirmOutstanding').includes('yes');
    if (hasOutstanding && !confirmed) {
      problems.push({
        field: 'confirmOutstanding',
        message: 'Confirm that you are closing the incident with these still outstanding',
      });
    }
    if (problems.length > 0 || 'problem' in endedAt) return problems;
    await closeIncident(incident.id, {
      endedAt: endedAt.moment,
      findings: readText(values, 'findings'),
      ...(confirmed ? { confirmOutstanding: true } : {}),
    });
    reload();
    navigate(incidentPath(incident.id, 'review'), {
      state: { notice: 'The incident is closed. Its review has been worked out from the records.' },
    });
  });
  usePageTitle(`Close the incident: ${incident.title}`, form.hasErrors);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        <h2>Close the incident</h2>
        {hasOutstanding ? (
          <div className="nhsuk-warning-callout">
            <h3 className="nhsuk-warning-callout__label">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Still outstanding
            </h3>
            {measures.length > 0 ? (
              <>
                <p>
                  {measures.length === 1
                    ? 'This interim measure is still in place:'
                    : `These ${measures.length} interim measures are still in place:`}
                </p>
                <ul className="nhsuk-list nhsuk-list--bullet">
                  {measures.map((measure) => (
                    <li key={measure.id}>
                      {measureKindLabels[measure.kind]}: {measure.description} (since{' '}
                      <Moment iso={measure.startsAt} />
                      ).{' '}
                      <Link to={incidentPath(incident.id, `measures/${measure.id}/end`)}>
                        Record the end
                        <span className="nhsuk-u-visually-hidden"> of {measure.description}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {unsent > 0 ? (
              <p>
                {unsent === 1
                  ? '1 proposed partner update has not been sent. '
                  : `${unsent} proposed partner updates have not been sent. `}
                <Link to={incidentPath(incident.id, 'partner-updates')}>See the partner updates</Link>
              </p>
            ) : null}
            <p>
              The review keeps the figures as they stand when you close. A measure still in place shows as not
              ended.
            </p>
          </div>
        ) : null}
        <p>
          Close it when the disruption is over and the interim measures have ended. The post-incident review’s
          figures are then worked out from the records and kept as they stand: time to first partner contact,
          each partner’s response times, escalations, requests never answered, decisions and measures.
        </p>
        <p>
          Nothing more can be recorded on a closed incident, except the end of a measure. You can still add
          findings and learning actions.
        </p>
        <Form form={form}>
          <MomentFields name="endedAt" legend="When did the disruption end?" initial={initialEnd} />
          <TextArea
            name="findings"
            label="Findings (optional)"
            hint="What went well, what did not, and why. You can add or change them on the review."
            rows={6}
          />
          {hasOutstanding ? (
            <Checkboxes
              name="confirmOutstanding"
              legend="Close with these outstanding?"
              items={[{ value: 'yes', label: 'I have checked them: close the incident anyway' }]}
            />
          ) : null}
          <SubmitButton variant="warning">Close the incident</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
