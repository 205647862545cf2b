import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
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
import {
  Checkboxes,
  changesFrom,
  DateInput,
  Radios,
  readDateInput,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../partners/form-fields.tsx';
import type { NoticeState } from '../partners/notice.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { type FormErrors, formErrorsFrom, noFormErrors, toFormErrors } from '../ui/form-errors.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
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
  if (services.status === 'loading') return <Loading />;
  if (services.status === 'failed') return <LoadProblem error={services.error} onTryAgain={reload} />;
  return <PersonForm person={null} services={services.data.items} />;
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
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') return <LoadProblem error={loaded.error} onTryAgain={reload} />;
  return <PersonForm person={loaded.data.person} services={loaded.data.services} />;
}

function Loading() {
  return (
    <p className="nhsuk-body" role="status">
      Loading
    </p>
  );
}

function PersonForm({ person, services }: { person: Person | null; services: readonly CareService[] }) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const title = person ? `Change ${personName(person)}’s details` : 'Add a person';
  usePageTitle(title, errors.items.length > 0);
  const backPath = person ? `/people/${person.id}` : '/people';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const form = new FormData(event.currentTarget);
    const problems: FieldError[] = [];
    const givenName = readText(form, 'givenName') ?? '';
    const familyName = readText(form, 'familyName') ?? '';
    if (!givenName) problems.push({ field: 'givenName', message: 'Enter their first name' });
    if (!familyName) problems.push({ field: 'familyName', message: 'Enter their last name' });
    // Name, date of birth and address identify the person to partners: needed for everyone new,
    // and never removed once recorded (people recorded before they were required may lack them).
    const dateOfBirth = readDateInput(form, 'dateOfBirth', 'Date of birth');
    if ('problem' in dateOfBirth) problems.push({ field: 'dateOfBirth', message: dateOfBirth.problem });
    else if (dateOfBirth.date === null && (!person || person.dateOfBirth !== null)) {
      problems.push({ field: 'dateOfBirth', message: 'Enter their date of birth' });
    }
    const address = readText(form, 'address');
    if (address === null && (!person || person.address !== null)) {
      problems.push({ field: 'address', message: 'Enter their address' });
    }
    const postcode = readText(form, 'postcode');
    if (postcode === null && (!person || person.postcode !== null)) {
      problems.push({ field: 'postcode', message: 'Enter their postcode' });
    }
    const status = String(form.get('status') ?? '');
    if (!status) problems.push({ field: 'status', message: 'Choose whether you support them now' });
    if (problems.length > 0) {
      setErrors(toFormErrors(fields, problems));
      return;
    }
    const values: PersonFields = {
      givenName,
      familyName,
      preferredName: readText(form, 'preferredName'),
      dateOfBirth: 'date' in dateOfBirth ? dateOfBirth.date : null,
      address,
      // The server checks the postcode's form and stores it in capitals.
      postcode,
      // The server checks the NHS number's check digit and says what is wrong.
      nhsNumber: readText(form, 'nhsNumber')?.replace(/[\s-]/g, '') ?? null,
      careServiceId: readText(form, 'careServiceId'),
      communicationNeeds: readText(form, 'communicationNeeds'),
      clinicalFlags: form.getAll('clinicalFlags').map(String) as ClinicalFlag[],
      clinicalFlagsNote: readText(form, 'clinicalFlagsNote'),
      status: status as PersonStatus,
    };
    setIsSubmitting(true);
    try {
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
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
      setIsSubmitting(false);
    }
  }

  return (
    <>
      <div className="nhsuk-u-margin-bottom-5">
        <Link className="nhsuk-back-link" to={backPath}>
          {person ? `Back to ${personName(person)}` : 'Back to people'}
        </Link>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>{title}</h1>
          <form onSubmit={submit} noValidate>
            <TextField
              id={fields.givenName}
              name="givenName"
              label="First name"
              spellCheck={false}
              defaultValue={person?.givenName}
              error={errors.byField.get('givenName')}
            />
            <TextField
              id={fields.familyName}
              name="familyName"
              label="Last name"
              spellCheck={false}
              defaultValue={person?.familyName}
              error={errors.byField.get('familyName')}
            />
            <TextField
              id={fields.preferredName}
              name="preferredName"
              label="Preferred name (optional)"
              hint="What they like to be called, if it is not their first name."
              spellCheck={false}
              defaultValue={person?.preferredName}
              error={errors.byField.get('preferredName')}
            />
            <DateInput
              id={fields.dateOfBirth}
              name="dateOfBirth"
              legend="Date of birth"
              hint="For example, 15 3 1948"
              defaultValue={person?.dateOfBirth}
              error={errors.byField.get('dateOfBirth')}
            />
            <TextArea
              id={fields.address}
              name="address"
              label="Address"
              hint="Where they live: house or flat, street and town. For someone in a care home, the room and the home’s address."
              rows={3}
              defaultValue={person?.address}
              error={errors.byField.get('address')}
            />
            <TextField
              id={fields.postcode}
              name="postcode"
              label="Postcode"
              widthClass="nhsuk-input--width-10"
              spellCheck={false}
              defaultValue={person?.postcode}
              error={errors.byField.get('postcode')}
            />
            <TextField
              id={fields.nhsNumber}
              name="nhsNumber"
              label="NHS number (optional)"
              hint="10 digits, like 943 476 5919."
              inputMode="numeric"
              widthClass="nhsuk-input--width-10"
              spellCheck={false}
              defaultValue={person?.nhsNumber ? formatNhsNumber(person.nhsNumber) : null}
              error={errors.byField.get('nhsNumber')}
            />
            <SelectField
              id={fields.careServiceId}
              name="careServiceId"
              label="Service or location (optional)"
              options={[
                { value: '', label: services.length > 0 ? 'Not yet decided' : 'There are no services yet' },
                ...services.map((service) => ({ value: service.id, label: service.name })),
              ]}
              defaultValue={person?.careServiceId ?? ''}
              error={errors.byField.get('careServiceId')}
            />
            <TextArea
              id={fields.communicationNeeds}
              name="communicationNeeds"
              label="Communication needs (optional)"
              hint="How to communicate with them well: language, hearing or sight, easy read, who helps them."
              defaultValue={person?.communicationNeeds}
              error={errors.byField.get('communicationNeeds')}
            />
            <Checkboxes
              id={fields.clinicalFlags}
              name="clinicalFlags"
              legend="Clinical flags"
              hint="Conditions that put them at higher risk when services are disrupted, so they are checked on first. Select all that apply."
              small
              items={clinicalFlags.map((flag) => ({ value: flag, label: clinicalFlagLabels[flag] }))}
              defaultValues={person?.clinicalFlags ?? []}
              error={errors.byField.get('clinicalFlags')}
            />
            <TextArea
              id={fields.clinicalFlagsNote}
              name="clinicalFlagsNote"
              label="About their clinical flags (optional)"
              hint="What matters in an emergency, like when insulin is due or where the rescue medicine is kept."
              rows={3}
              defaultValue={person?.clinicalFlagsNote}
              error={errors.byField.get('clinicalFlagsNote')}
            />
            <Radios
              id={fields.status}
              name="status"
              legend="Status"
              items={personStatuses.map((status) => ({ value: status, label: statusLabels[status] }))}
              defaultValues={[person?.status ?? 'active']}
              error={errors.byField.get('status')}
            />
            <button className="nhsuk-button" type="submit">
              {person ? 'Save changes' : 'Add person'}
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
