import { Link, useNavigate, useParams } from 'react-router';
import {
  addPartnerOrganisation,
  changePartnerOrganisation,
  getPartnerOrganisation,
  type PartnerOrganisation,
  type PartnerType,
} from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { missingFields } from '../ui/form-errors.ts';
import { changesFrom, readText, SelectField, TextArea, TextField } from '../ui/form-fields.tsx';
import type { NoticeState } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { FormPage, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { partnerTypeOptions } from './partner-labels.ts';

// API field name → input id, in the order the fields appear.
const fields = { name: 'name', type: 'type', odsCode: 'ods-code', address: 'address', notes: 'notes' };

export function AddPartnerOrganisationPage() {
  return <OrganisationForm organisation={null} />;
}

export function ChangePartnerOrganisationPage() {
  const { organisationId = '' } = useParams();
  const [organisation, reload] = useResource(`partner organisation ${organisationId}`, () =>
    getPartnerOrganisation(organisationId),
  );
  if (organisation.status === 'loading') {
    return <Loading what="Loading the organisation" />;
  }
  if (organisation.status === 'failed') return <LoadProblem error={organisation.error} onTryAgain={reload} />;
  return <OrganisationForm organisation={organisation.data} />;
}

function OrganisationForm({ organisation }: { organisation: PartnerOrganisation | null }) {
  const navigate = useNavigate();
  const title = organisation ? `Change the details of ${organisation.name}` : 'Add a partner organisation';

  const form = useFormSubmit(fields, async (formData) => {
    const values = {
      name: readText(formData, 'name') ?? '',
      type: String(formData.get('type') ?? ''),
      odsCode: readText(formData, 'odsCode'),
      address: readText(formData, 'address'),
      notes: readText(formData, 'notes'),
    };
    const missing = missingFields(
      { name: values.name, type: values.type },
      { name: 'Enter the organisation’s name', type: 'Choose the type of organisation' },
    );
    if (missing.length > 0) return missing;
    const input = { ...values, type: values.type as PartnerType };
    if (organisation) {
      const changes = changesFrom(organisation, input);
      if (Object.keys(changes).length > 0) {
        await changePartnerOrganisation(organisation.id, organisation.version, changes);
      }
      const state: NoticeState =
        Object.keys(changes).length > 0 ? { notice: `${input.name}’s details have been changed.` } : {};
      navigate(`/partners/organisations/${organisation.id}`, { state });
    } else {
      const added = await addPartnerOrganisation(input);
      const state: NoticeState = { notice: `${added.name} has been added.` };
      navigate(`/partners/organisations/${added.id}`, { state });
    }
  });

  return (
    <FormPage
      back={
        <div className="nhsuk-u-margin-bottom-5">
          <Link
            className="nhsuk-back-link"
            to={organisation ? `/partners/organisations/${organisation.id}` : '/partners'}
          >
            {organisation ? `Back to ${organisation.name}` : 'Back to the partner register'}
          </Link>
        </div>
      }
      title={title}
      form={form}
    >
      <Form form={form}>
        <TextField
          name="name"
          label="Name"
          hint="As the organisation calls itself, like Riverside Medical Practice."
          defaultValue={organisation?.name}
        />
        <SelectField
          name="type"
          label="Type"
          options={[{ value: '', label: 'Choose a type' }, ...partnerTypeOptions]}
          defaultValue={organisation?.type ?? ''}
        />
        <TextField
          name="odsCode"
          label="ODS code (optional)"
          hint="For NHS organisations: the code from the Organisation Data Service, 3 to 6 letters and digits, like A81001."
          widthClass="nhsuk-input--width-10"
          spellCheck={false}
          defaultValue={organisation?.odsCode}
        />
        <TextArea name="address" label="Address (optional)" defaultValue={organisation?.address} />
        <TextArea
          name="notes"
          label="Notes (optional)"
          hint="Anything colleagues need to know when contacting them. Do not write about people you support here."
          defaultValue={organisation?.notes}
        />
        <SubmitButton>{organisation ? 'Save changes' : 'Add organisation'}</SubmitButton>
      </Form>
    </FormPage>
  );
}
