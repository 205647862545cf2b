import { useState } from 'react';
import { Link } from 'react-router';
import { addStaffMember, type CreatedStaffMember, type StaffRole } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { roleLabels, staffRoles } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { missingFields } from '../ui/form-errors.ts';
import { codeChoices, SelectField, TextField } from '../ui/form-fields.tsx';
import { BackLink } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { SetUpLinkPanel } from './SetUpLinkPanel.tsx';

// API field name → input id, in the order the fields appear.
const fields = { displayName: 'display-name', email: 'email', role: 'role' };

export function AddStaffPage() {
  const session = useSession();
  // The set-up link is shown once, from this page's memory only: never kept in the browser.
  const [added, setAdded] = useState<CreatedStaffMember | null>(null);

  // Only an admin can make someone an admin; the server refuses it from anyone else.
  const roleOptions = [
    { value: '', label: 'Choose a role' },
    ...codeChoices(
      staffRoles.filter((role) => role !== 'admin' || session.user.role === 'admin'),
      roleLabels,
    ),
  ];

  const form = useFormSubmit(fields, async (formData) => {
    const values = {
      displayName: String(formData.get('displayName') ?? '').trim(),
      email: String(formData.get('email') ?? '').trim(),
      role: String(formData.get('role') ?? ''),
    };
    const missing = missingFields(values, {
      displayName: 'Enter their name',
      email: 'Enter their email address',
      role: 'Choose a role',
    });
    if (missing.length > 0) return missing;
    setAdded(await addStaffMember({ ...values, role: values.role as StaffRole }));
  });
  usePageTitle(added ? `${added.displayName} has been added` : 'Add a staff member', form.hasErrors);

  if (added) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>{added.displayName} has been added</h1>
          <SetUpLinkPanel displayName={added.displayName} link={added.setUpLink} />
          <p>
            <Link to="/staff">Back to staff</Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <>
      <BackLink to="/staff">Back to staff</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} />
          <h1>Add a staff member</h1>
          <Form form={form}>
            <TextField
              name="displayName"
              label="Name"
              hint="Their full name, as colleagues and partners know them."
              autoComplete="off"
              spellCheck={false}
            />
            <TextField
              name="email"
              type="email"
              label="Email address"
              hint="They sign in with this email address."
              autoComplete="off"
              spellCheck={false}
            />
            <SelectField
              name="role"
              label="Role"
              hint="What they can see and do in Liaison. An auditor can look at everything but change nothing."
              options={roleOptions}
              defaultValue=""
            />
            <p>
              They will choose their own password, through a set-up link you give them once they are added.
            </p>
            <SubmitButton>Add staff member</SubmitButton>
          </Form>
        </div>
      </div>
    </>
  );
}
