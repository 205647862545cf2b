import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  changeIncident,
  type FieldError,
  type Incident,
  type IncidentChanges,
  type IncidentSeverity,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  changesFrom,
  codeChoices,
  Radios,
  readDateInput,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { severities, severityHints, severityLabels } from './incident-labels.ts';
import { incidentPath, type StaffChoice, useIncident, useStaffChoices } from './incident-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = {
  title: 'title',
  summary: 'summary',
  severity: 'severity',
  endedAt: 'endedAt',
  leadId: 'leadId',
  partnerLiaisonId: 'partnerLiaisonId',
};

/** Change the incident's title, summary, severity, end, lead or partner liaison while it is open. */
export function EditIncidentSection() {
  const { incident, reload } = useIncident();
  const session = useSession();
  const [staff, reloadStaff] = useStaffChoices(session, 'lead');
  const navigate = useNavigate();
  // The version the person was editing when someone else's change stopped them, once reloaded.
  const [overtaken, setOvertaken] = useState<number | null>(null);
  // The version the person saved over: once the incident has been read again, the summary shows it.
  const [savedOver, setSavedOver] = useState<number | null>(null);
  usePageTitle(`Change the incident: ${incident.title}`);
  useEffect(() => {
    if (savedOver === null || incident.version === savedOver) return;
    const state: NoticeState = { notice: 'The incident has been changed.' };
    navigate(incidentPath(incident.id), { state });
  }, [savedOver, incident.version, incident.id, navigate]);

  if (incident.status === 'closed') {
    return (
      <>
        <h2>Change the incident</h2>
        <p>This incident is closed, so its details can no longer be changed.</p>
      </>
    );
  }
  if (staff.status === 'loading') return <Loading />;
  if (staff.status === 'failed') return <LoadProblem error={staff.error} onTryAgain={reloadStaff} />;
  return (
    <>
      {overtaken !== null && overtaken !== incident.version ? (
        <NotificationBanner>
          Someone else changed this incident while you were editing it. The form now shows their changes:
          check them, then make your change again.
        </NotificationBanner>
      ) : null}
      {/* A new version (after a reload) starts the form again from what is saved now. */}
      <EditIncidentForm
        key={incident.version}
        incident={incident}
        staff={staff.data}
        onSaved={() => {
          setSavedOver(incident.version);
          reload();
        }}
        onChangedElsewhere={() => {
          setOvertaken(incident.version);
          reload();
        }}
      />
    </>
  );
}

function EditIncidentForm({
  incident,
  staff,
  onSaved,
  onChangedElsewhere,
}: {
  incident: Incident;
  staff: StaffChoice[];
  onSaved: () => void;
  onChangedElsewhere: () => void;
}) {
  const navigate = useNavigate();
  const form = useFormSubmit(fields, async (values) => {
    const problems: FieldError[] = [];
    const title = readText(values, 'title');
    const summary = readText(values, 'summary');
    const severity = readText(values, 'severity') as IncidentSeverity | null;
    const leadId = readText(values, 'leadId');
    const partnerLiaisonId = readText(values, 'partnerLiaisonId');
    const ended = readEnd(values);
    if (!title) problems.push({ field: 'title', message: 'Enter a short title' });
    if (!summary) problems.push({ field: 'summary', message: 'Enter what has happened' });
    if (!severity) problems.push({ field: 'severity', message: 'Choose how severe it is' });
    if ('problem' in ended) problems.push({ field: 'endedAt', message: ended.problem });
    if (!leadId) problems.push({ field: 'leadId', message: 'Choose who is leading the response' });
    if (!partnerLiaisonId)
      problems.push({ field: 'partnerLiaisonId', message: 'Choose who talks to partners' });
    if (
      problems.length > 0 ||
      !title ||
      !summary ||
      !severity ||
      'problem' in ended ||
      !leadId ||
      !partnerLiaisonId
    )
      return problems;
    const loaded: IncidentChanges = {
      title: incident.title,
      summary: incident.summary,
      severity: incident.severity,
      endedAt: incident.endedAt,
      leadId: incident.lead.id,
      partnerLiaisonId: incident.partnerLiaison.id,
    };
    const changes = changesFrom(loaded, {
      title,
      summary,
      severity,
      // The end is typed to the minute: unchanged to the minute, it stays as recorded.
      endedAt: sameMinute(ended.moment, incident.endedAt) ? incident.endedAt : ended.moment,
      leadId,
      partnerLiaisonId,
    });
    if (Object.keys(changes).length === 0) {
      navigate(incidentPath(incident.id));
      return;
    }
    await changeIncident(incident.id, incident.version, changes);
    onSaved();
  });
  usePageTitle(`Change the incident: ${incident.title}`, form.hasErrors);

  const withCurrent = (choices: StaffChoice[], current: { id: string; name: string }) =>
    choices.some((choice) => choice.value === current.id)
      ? choices
      : [...choices, { value: current.id, label: current.name }];
  const prompt = { value: '', label: 'Choose a member of staff' };
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary items={form.errors.items} />
        {form.isChangedElsewhere ? (
          <p>
            <button
              className="nhsuk-button nhsuk-button--secondary"
              type="button"
              onClick={onChangedElsewhere}
            >
              Reload the incident
            </button>
          </p>
        ) : null}
        <h2>Change the incident</h2>
        <Form form={form}>
          <TextField
            name="title"
            label="Title"
            hint="A short name. Do not put anyone’s name or personal details in it: it goes in the emails partners receive."
            defaultValue={incident.title}
          />
          <TextArea
            name="summary"
            label="Summary"
            hint="What has happened, when you found out, and what is affected."
            defaultValue={incident.summary}
          />
          <Radios
            name="severity"
            legend="How severe is it?"
            items={codeChoices(severities, severityLabels, severityHints)}
            defaultValues={[incident.severity]}
          />
          <MomentFields
            name="endedAt"
            legend="When did the disruption end? (optional)"
            hint="Leave the date and time empty while it is still going on. UK time. For example, 21 11 2026."
            initial={incident.endedAt ? new Date(incident.endedAt) : null}
          />
          <SelectField
            name="leadId"
            label="Incident lead"
            hint="Leads the response and makes the decisions."
            options={[prompt, ...withCurrent(staff, incident.lead)]}
            defaultValue={incident.lead.id}
          />
          <SelectField
            name="partnerLiaisonId"
            label="Partner liaison"
            hint="Owns communication with partners during the incident, so they hear one consistent account."
            options={[prompt, ...withCurrent(staff, incident.partnerLiaison)]}
            defaultValue={incident.partnerLiaison.id}
          />
          <SubmitButton>Save changes</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

/** The end as typed: none while every box is empty, else a whole date and time. */
function readEnd(values: FormData): { moment: string | null } | { problem: string } {
  const date = readDateInput(values, 'endedAt', 'The end');
  const time = String(values.get('endedAt-time') ?? '').trim();
  if ('date' in date && date.date === null && !time) return { moment: null };
  return readMoment(values, 'endedAt', 'The end');
}

function sameMinute(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.floor(Date.parse(a) / 60_000) === Math.floor(Date.parse(b) / 60_000);
}
