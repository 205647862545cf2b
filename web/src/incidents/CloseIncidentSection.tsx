import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { closeIncident } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { type FormErrors, formErrorsFrom, noFormErrors, toFormErrors } from '../ui/form-errors.ts';
import { readText, TextArea } from '../ui/form-fields.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { incidentPath, useIncident } from './incident-parts.tsx';
import { MomentFields, readMoment } from './incident-time.tsx';

const fields = { endedAt: 'endedAt', findings: 'findings' };

export function CloseIncidentSection() {
  const { incident, reload } = useIncident();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isClosing, setIsClosing] = useState(false);
  const [initialEnd] = useState(() => (incident.endedAt ? new Date(incident.endedAt) : new Date()));
  usePageTitle(`Close the incident: ${incident.title}`, errors.items.length > 0);

  if (incident.status === 'closed') {
    return (
      <>
        <h2>Close the incident</h2>
        <p>This incident is closed.</p>
      </>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isClosing) return;
    const values = new FormData(event.currentTarget);
    const endedAt = readMoment(values, 'endedAt', 'The end');
    if ('problem' in endedAt) {
      setErrors(toFormErrors(fields, [{ field: 'endedAt', message: endedAt.problem }]));
      return;
    }
    setIsClosing(true);
    try {
      await closeIncident(incident.id, { endedAt: endedAt.moment, findings: readText(values, 'findings') });
      reload();
      navigate(incidentPath(incident.id, 'review'), {
        state: { notice: 'The incident is closed. Its review has been worked out from the records.' },
      });
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
    } finally {
      setIsClosing(false);
    }
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={errors.items} />
        <h2>Close the incident</h2>
        <p>
          Close it when the disruption is over and the interim measures have ended. The post-incident review’s
          figures are then worked out from the records and kept as they stand: time to first partner contact,
          each partner’s response times, escalations, requests never answered, decisions and measures.
        </p>
        <p>
          Nothing more can be recorded on a closed incident. You can still add findings and learning actions.
        </p>
        <form onSubmit={submit} noValidate>
          <MomentFields
            id={fields.endedAt}
            name="endedAt"
            legend="When did the disruption end?"
            error={errors.byField.get('endedAt')}
            initial={initialEnd}
          />
          <TextArea
            id={fields.findings}
            name="findings"
            label="Findings (optional)"
            hint="What went well, what did not, and why. You can add or change them on the review."
            rows={6}
            error={errors.byField.get('findings')}
          />
          <button
            className="nhsuk-button nhsuk-button--warning"
            type="submit"
            aria-disabled={isClosing ? 'true' : undefined}
          >
            Close the incident
          </button>
        </form>
      </div>
    </div>
  );
}
