import { useNavigate, useParams } from 'react-router';
import {
  addPerson,
  type CareService,
  type ClinicalFlag,
  changePerson,
  type FieldError,
  getPerson,
  listCareServices,
  type Person,
  type PersonChanges,
  type PersonFields,
  type PersonStatus,
} from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  Checkboxes,
  changesFrom,
  codeChoices,
  DateInput,
  Radios,
  readDateInput,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { BackLink, FormPage, Loaded } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import {
  clinicalFlagLabels,
  clinicalFlags,
  formatNhsNumber,
  personName,
  personStatuses,
  statusLabels,
} from './person-labels.ts';

// API field name → input id, in the order the fields appear.
const fields = {
  givenName: 'given-name',
  familyName: 'family-name',
  preferredName: 'preferred-name',
  dateOfBirth: 'date-of-birth',
  address: 'address',
  postcode: 'postcode',
  nhsNumber: 'nhs-number',
  careServiceId: 'care-service',
  communicationNeeds: 'communication-needs',
  clinicalFlags: 'clinical-flags',
  clinicalFlagsNote: 'clinical-flags-note',
  status: 'status',
};

export function AddPersonPage() {
  const [services, reload] = useResource('care services', () => listCareServices({ limit: 100, offset: 0 }));
  return (
    <Loaded resource={services} reload={reload}>
      {(data) => <PersonForm person={null} services={data.items} />}
    </Loaded>
  );
}

export function ChangePersonPage() {
  const { personId = '' } = useParams();
  const [loaded, reload] = useResource(`change person ${personId}`, async () => {
    const [person, services] = await Promise.all([
      getPerson(personId),
      listCareServices({ limit: 100, offset: 0 }),
    ]);
    return { person, services: services.items };
  });
  return (
    <Loaded resource={loaded} reload={reload}>
      {(data) => <PersonForm person={data.person} services={data.services} />}
    </Loaded>
  );
}

function PersonForm({ person, services }: { person: Person | null; services: readonly CareService[] }) {
  const navigate = useNavigate();
  const title = person ? `Change ${personName(person)}’s details` : 'Add a person';
  const backPath = person ? `/people/${person.id}` : '/people';

  const form = useFormSubmit(fields, async (formData) => {
    const problems: FieldError[] = [];
    const givenName = readText(formData, 'givenName') ?? '';
    const familyName = readText(formData, 'familyName') ?? '';
    if (!givenName) problems.push({ field: 'givenName', message: 'Enter their first name' });
    if (!familyName) problems.push({ field: 'familyName', message: 'Enter their last name' });
    // Name, date of birth and address identify the person to partners: needed for everyone new,
    // and never removed once recorded (people recorded before they were required may lack them).
    const dateOfBirth = readDateInput(formData, 'dateOfBirth', 'Date of birth');
    if ('problem' in dateOfBirth) problems.push({ field: 'dateOfBirth', message: dateOfBirth.problem });
    else if (dateOfBirth.date === null && (!person || person.dateOfBirth !== null)) {
      problems.push({ field: 'dateOfBirth', message: 'Enter their date of birth' });
    }
    const address = readText(formData, 'address');
    if (address === null && (!person || person.address !== null)) {
      problems.push({ field: 'address', message: 'Enter their address' });
    }
    const postcode = readText(formData, 'postcode');
    if (postcode === null && (!person || person.postcode !== null)) {
      problems.push({ field: 'postcode', message: 'Enter their postcode' });
    }
    const status = String(formData.get('status') ?? '');
    if (!status) problems.push({ field: 'status', message: 'Choose whether you support them now' });
    if (problems.length > 0) return problems;
    const values: PersonFields = {
      givenName,
      familyName,
      preferredName: readText(formData, 'preferredName'),
      dateOfBirth: 'date' in dateOfBirth ? dateOfBirth.date : null,
      address,
      // The server checks the postcode's form and stores it in capitals.
      postcode,
      // The server checks the NHS number's check digit and says what is wrong.
      nhsNumber: readText(formData, 'nhsNumber')?.replace(/[\s-]/g, '') ?? null,
      careServiceId: readText(formData, 'careServiceId'),
      communicationNeeds: readText(formData, 'communicationNeeds'),
      clinicalFlags: formData.getAll('clinicalFlags').map(String) as ClinicalFlag[],
      clinicalFlagsNote: readText(formData, 'clinicalFlagsNote'),
      status: status as PersonStatus,
    };
    if (person) {
      const { dateOfBirth, address, postcode, ...otherChanges } = changesFrom(person, values);
      // None of these is blank here: the checks above refuse clearing one once recorded.
      const changes: PersonChanges = {
        ...otherChanges,
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(address ? { address } : {}),
        ...(postcode ? { postcode } : {}),
      };
      if (Object.keys(changes).length > 0) {
        await changePerson(person.id, person.version, changes);
      }
      const state: NoticeState =
        Object.keys(changes).length > 0
          ? { notice: `${personName(values)}’s details have been changed.` }
          : {};
      navigate(backPath, { state });
    } else {
      // The checks above refuse a new record without these, so none is blank here.
      const added = await addPerson({
        ...values,
        dateOfBirth: values.dateOfBirth ?? '',
        address: values.address ?? '',
        postcode: values.postcode ?? '',
      });
      const state: NoticeState = { notice: `${personName(added)} has been added.` };
      navigate(`/people/${added.id}`, { state });
    }
  });

  return (
    <FormPage
      back={<BackLink to={backPath}>{person ? `Back to ${personName(person)}` : 'Back to people'}</BackLink>}
      title={title}
      form={form}
    >
      <Form form={form}>
        <TextField name="givenName" label="First name" spellCheck={false} defaultValue={person?.givenName} />
        <TextField name="familyName" label="Last name" spellCheck={false} defaultValue={person?.familyName} />
        <TextField
          name="preferredName"
          label="Preferred name (optional)"
          hint="What they like to be called, if it is not their first name."
          spellCheck={false}
          defaultValue={person?.preferredName}
        />
        <DateInput
          name="dateOfBirth"
          legend="Date of birth"
          hint="For example, 15 3 1948"
          defaultValue={person?.dateOfBirth}
        />
        <TextArea
          name="address"
          label="Address"
          hint="Where they live: house or flat, street and town. For someone in a care home, the room and the home’s address."
          rows={3}
          defaultValue={person?.address}
        />
        <TextField
          name="postcode"
          label="Postcode"
          widthClass="nhsuk-input--width-10"
          spellCheck={false}
          defaultValue={person?.postcode}
        />
        <TextField
          name="nhsNumber"
          label="NHS number (optional)"
          hint="10 digits, like 943 476 5919."
          inputMode="numeric"
          widthClass="nhsuk-input--width-10"
          spellCheck={false}
          defaultValue={person?.nhsNumber ? formatNhsNumber(person.nhsNumber) : null}
        />
        <SelectField
          name="careServiceId"
          label="Service or location (optional)"
          options={[
            { value: '', label: services.length > 0 ? 'Not yet decided' : 'There are no services yet' },
            ...services.map((service) => ({ value: service.id, label: service.name })),
          ]}
          defaultValue={person?.careServiceId ?? ''}
        />
        <TextArea
          name="communicationNeeds"
          label="Communication needs (optional)"
          hint="How to communicate with them well: language, hearing or sight, easy read, who helps them."
          defaultValue={person?.communicationNeeds}
        />
        <Checkboxes
          name="clinicalFlags"
          legend="Clinical flags"
          hint="Conditions that put them at higher risk when services are disrupted, so they are checked on first. Select all that apply."
          small
          items={codeChoices(clinicalFlags, clinicalFlagLabels)}
          defaultValues={person?.clinicalFlags ?? []}
        />
        <TextArea
          name="clinicalFlagsNote"
          label="About their clinical flags (optional)"
          hint="What matters in an emergency, like when insulin is due or where the rescue medicine is kept."
          rows={3}
          defaultValue={person?.clinicalFlagsNote}
        />
        <Radios
          name="status"
          legend="Status"
          items={codeChoices(personStatuses, statusLabels)}
          defaultValues={[person?.status ?? 'active']}
        />
        <SubmitButton>{person ? 'Save changes' : 'Add person'}</SubmitButton>
      </Form>
    </FormPage>
  );
}
