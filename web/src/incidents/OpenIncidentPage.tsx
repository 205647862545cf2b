import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  type CareService,
  type FieldError,
  type IncidentSeverity,
  type IncidentType,
  openIncident,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  Checkboxes,
  codeChoices,
  Radios,
  readChoices,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import {
  incidentTypeLabels,
  incidentTypes,
  severities,
  severityHints,
  severityLabels,
} from './incident-labels.ts';
import { incidentPath, type StaffChoice, useCareServices, useStaffChoices } from './incident-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = {
  type: 'type',
  title: 'title',
  summary: 'summary',
  severity: 'severity',
  startedAt: 'startedAt',
  careServiceIds: 'careServiceIds',
  locations: 'locations',
  leadId: 'leadId',
  partnerLiaisonId: 'partnerLiaisonId',
};

export function OpenIncidentPage() {
  const session = useSession();
  const [staff, reloadStaff] = useStaffChoices(session, 'lead');
  const [services, reloadServices] = useCareServices();
  usePageTitle('Open an incident');
  if (staff.status === 'loading' || services.status === 'loading') return <Loading />;
  if (staff.status === 'failed' || services.status === 'failed') {
    const error =
      staff.status === 'failed' ? staff.error : services.status === 'failed' ? services.error : null;
    return (
      <>
        <BackLink to="/incidents">Back to incidents</BackLink>
        <h1>Open an incident</h1>
        {error ? (
          <LoadProblem
            error={error}
            onTryAgain={() => {
              reloadStaff();
              reloadServices();
            }}
          />
        ) : null}
      </>
    );
  }
  return <OpenIncidentForm staff={staff.data} services={services.data} />;
}

function OpenIncidentForm({ staff, services }: { staff: StaffChoice[]; services: CareService[] }) {
  const session = useSession();
  const navigate = useNavigate();
  const [startedAt] = useState(() => new Date());

  const form = useFormSubmit(fields, async (values) => {
    const text = (name: string) => readText(values, name);
    const problems: FieldError[] = [];
    const type = text('type') as IncidentType | null;
    const title = text('title');
    const summary = text('summary');
    const severity = text('severity') as IncidentSeverity | null;
    const started = readMoment(values, 'startedAt', 'The start');
    const leadId = text('leadId');
    const partnerLiaisonId = text('partnerLiaisonId');
    if (!type) problems.push({ field: 'type', message: 'Choose what kind of disruption it is' });
    if (!title) problems.push({ field: 'title', message: 'Enter a short title' });
    if (!summary) problems.push({ field: 'summary', message: 'Enter what has happened' });
    if (!severity) problems.push({ field: 'severity', message: 'Choose how severe it is' });
    if ('problem' in started) problems.push({ field: 'startedAt', message: started.problem });
    if (!leadId) problems.push({ field: 'leadId', message: 'Choose who is leading the response' });
    if (!partnerLiaisonId)
      problems.push({ field: 'partnerLiaisonId', message: 'Choose who talks to partners' });
    if (
      problems.length > 0 ||
      !type ||
      !title ||
      !summary ||
      !severity ||
      'problem' in started ||
      !leadId ||
      !partnerLiaisonId
    )
      return problems;
    const locations = String(values.get('locations') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const incident = await openIncident({
      type,
      title,
      summary,
      severity,
      startedAt: started.moment,
      careServiceIds: readChoices<string>(values, 'careServiceIds'),
      locations,
      leadId,
      partnerLiaisonId,
    });
    navigate(incidentPath(incident.id), {
      state: { notice: 'The incident is open. Now add the people it affects.' },
    });
  });

  const staffOptions = [{ value: '', label: 'Choose a member of staff' }, ...staff];
  return (
    <FormPage
      back={<BackLink to="/incidents">Back to incidents</BackLink>}
      title="Open an incident"
      form={form}
    >
      <p>
        Record the disruption as soon as you know about it. You can add the people it affects, interim
        measures and partner updates once it is open.
      </p>
      <Form form={form}>
        <h2>What has happened</h2>
        <SelectField
          name="type"
          label="What kind of disruption is it?"
          options={[{ value: '', label: 'Choose a kind' }, ...codeChoices(incidentTypes, incidentTypeLabels)]}
        />
        <TextField
          name="title"
          label="Title"
          hint="A short name, like “Heating failure at Riverside House”. Do not put anyone’s name or personal details in it: it goes in the emails partners receive."
        />
        <TextArea
          name="summary"
          label="Summary"
          hint="What has happened, when you found out, and what is affected."
        />
        <Radios
          name="severity"
          legend="How severe is it?"
          items={codeChoices(severities, severityLabels, severityHints)}
        />
        <MomentFields name="startedAt" legend="When did it start?" initial={startedAt} />

        <h2>Where</h2>
        {services.length > 0 ? (
          <Checkboxes
            name="careServiceIds"
            legend="Which services or locations are affected? (optional)"
            hint="Choose all that apply. You add the people affected on the next page."
            items={services.map((service) => ({
              value: service.id,
              label: service.name,
              ...(service.address ? { hint: service.address } : {}),
            }))}
          />
        ) : null}
        <TextArea
          name="locations"
          label="Other places affected (optional)"
          hint="One on each line, like “First floor, rooms 4 to 9” or “Flat 3, 24 Canal Street”."
          rows={3}
        />

        <h2>Who is responsible</h2>
        <SelectField
          name="leadId"
          label="Incident lead"
          hint="Leads the response and makes the decisions."
          options={staffOptions}
          defaultValue={session.user.id}
        />
        <SelectField
          name="partnerLiaisonId"
          label="Partner liaison"
          hint="Owns communication with partners during the incident, so they hear one consistent account."
          options={staffOptions}
        />
        <SubmitButton>Open the incident</SubmitButton>
      </Form>
    </FormPage>
  );
}
