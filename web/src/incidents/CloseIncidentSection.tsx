import { useState } from 'react';
import { useNavigate } from 'react-router';
import { closeIncident } from '../api.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { readText, TextArea } from '../ui/form-fields.tsx';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { incidentPath, useIncident } from './incident-parts.tsx';

const fields = { endedAt: 'endedAt', findings: 'findings' };

export function CloseIncidentSection() {
  const { incident, reload } = useIncident();
  const navigate = useNavigate();
  const [initialEnd] = useState(() => (incident.endedAt ? new Date(incident.endedAt) : new Date()));

  const form = useFormSubmit(fields, async (values) => {
    const endedAt = readMoment(values, 'endedAt', 'The end');
    if ('problem' in endedAt) {
      return [{ field: 'endedAt', message: endedAt.problem }];
    }
    await closeIncident(incident.id, { endedAt: endedAt.moment, findings: readText(values, 'findings') });
    reload();
    navigate(incidentPath(incident.id, 'review'), {
      state: { notice: 'The incident is closed. Its review has been worked out from the records.' },
    });
  });
  usePageTitle(`Close the incident: ${incident.title}`, form.hasErrors);

  if (incident.status === 'closed') {
    return (
      <>
        <h2>Close the incident</h2>
        <p>This incident is closed.</p>
      </>
    );
  }

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        <h2>Close the incident</h2>
        <p>
          Close it when the disruption is over and the interim measures have ended. The post-incident review’s
          figures are then worked out from the records and kept as they stand: time to first partner contact,
          each partner’s response times, escalations, requests never answered, decisions and measures.
        </p>
        <p>
          Nothing more can be recorded on a closed incident. You can still add findings and learning actions.
        </p>
        <Form form={form}>
          <MomentFields name="endedAt" legend="When did the disruption end?" initial={initialEnd} />
          <TextArea
            name="findings"
            label="Findings (optional)"
            hint="What went well, what did not, and why. You can add or change them on the review."
            rows={6}
          />
          <SubmitButton variant="warning">Close the incident</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
