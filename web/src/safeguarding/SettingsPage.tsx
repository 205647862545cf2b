import { useNavigate } from 'react-router';
import {
  getSafeguardingSettings,
  type PartnerContact,
  type SafeguardingSettings,
  saveSafeguardingSettings,
} from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { readText, TextField } from '../ui/form-fields.tsx';
import { BackLink, FormPage, Loaded } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { ContactSelect, listAllPartnerContacts } from './partner-choice.tsx';

const fields = {
  safeguardingLinkContactId: 'safeguardingLinkContactId',
  decisionWorkingDays: 'decisionWorkingDays',
};

/** The named safeguarding link, and the working days the local authority has to decide on a referral. */
export function SafeguardingSettingsPage() {
  const [loaded, reload] = useResource('safeguarding settings', async () => {
    const [settings, contacts] = await Promise.all([getSafeguardingSettings(), listAllPartnerContacts()]);
    return { settings, contacts };
  });
  return (
    <Loaded resource={loaded} reload={reload} loading="Loading the safeguarding settings">
      {(data) => <SettingsForm {...data} onChangedElsewhere={reload} />}
    </Loaded>
  );
}

function SettingsForm({
  settings,
  contacts,
  onChangedElsewhere,
}: {
  settings: SafeguardingSettings;
  contacts: PartnerContact[];
  onChangedElsewhere: () => void;
}) {
  const navigate = useNavigate();
  const form = useFormSubmit(fields, async (values) => {
    const daysText = readText(values, 'decisionWorkingDays') ?? '';
    const days = Number(daysText);
    if (!/^\d+$/.test(daysText) || days < 1 || days > 20) {
      return [{ field: 'decisionWorkingDays', message: 'Enter a whole number of working days from 1 to 20' }];
    }
    await saveSafeguardingSettings(settings.version, {
      decisionWorkingDays: days,
      safeguardingLinkContactId: readText(values, 'safeguardingLinkContactId'),
    });
    navigate('/safeguarding', { state: { notice: 'The safeguarding settings are saved.' } });
  });
  return (
    <FormPage
      back={<BackLink to="/safeguarding">Back to safeguarding concerns</BackLink>}
      title="Safeguarding settings"
      form={form}
    >
      {form.isChangedElsewhere ? (
        <p>
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onChangedElsewhere}>
            Reload the settings
          </button>
        </p>
      ) : null}
      <Form form={form}>
        <ContactSelect
          name="safeguardingLinkContactId"
          label="Your named safeguarding link"
          hint="Who managers ask for threshold advice first, usually at the local adult safeguarding hub (MASH). From the partner register."
          contacts={contacts}
          defaultValue={settings.safeguardingLinkContactId}
        />
        <TextField
          name="decisionWorkingDays"
          label="Working days the local authority has to decide on a referral"
          hint="After this, a referral with no decision is chased and shown as overdue. Usually 2."
          inputMode="numeric"
          widthClass="nhsuk-input--width-3"
          defaultValue={String(settings.decisionWorkingDays)}
        />
        <SubmitButton>Save</SubmitButton>
      </Form>
    </FormPage>
  );
}
