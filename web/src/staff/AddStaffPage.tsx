import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { addStaffMember, type CreatedStaffMember, type StaffRole } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { roleLabels, staffRoles } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import {
  type FormErrors,
  formErrorsFrom,
  missingFields,
  noFormErrors,
  toFormErrors,
} from '../ui/form-errors.ts';
import { SelectField, TextField } from '../ui/form-fields.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { SetUpLinkPanel } from './SetUpLinkPanel.tsx';

// API field name → input id, in the order the fields appear.
const fields = { displayName: 'display-name', email: 'email', role: 'role' };

export function AddStaffPage() {
  const session = useSession();
  // The set-up link is shown once, from this page's memory only: never kept in the browser.
  const [added, setAdded] = useState<CreatedStaffMember | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  usePageTitle(added ? `${added.displayName} has been added` : 'Add a staff member', errors.items.length > 0);

  // Only an admin can make someone an admin; the server refuses it from anyone else.
  const roleOptions = [
    { value: '', label: 'Choose a role' },
    ...staffRoles
      .filter((role) => role !== 'admin' || session.user.role === 'admin')
      .map((role) => ({ value: role, label: roleLabels[role] })),
  ];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSubmitting) return;
    const form = new FormData(event.currentTarget);
    const values = {
      displayName: String(form.get('displayName') ?? '').trim(),
      email: String(form.get('email') ?? '').trim(),
      role: String(form.get('role') ?? ''),
    };
    const missing = missingFields(values, {
      displayName: 'Enter their name',
      email: 'Enter their email address',
      role: 'Choose a role',
    });
    if (missing.length > 0) {
      setErrors(toFormErrors(fields, missing));
      return;
    }
    setIsSubmitting(true);
    try {
      setAdded(await addStaffMember({ ...values, role: values.role as StaffRole }));
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
      setIsSubmitting(false);
    }
  }

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
      <div className="nhsuk-u-margin-bottom-5">
        <Link className="nhsuk-back-link" to="/staff">
          Back to staff
        </Link>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={errors.items} />
          <h1>Add a staff member</h1>
          <form onSubmit={submit} noValidate>
            <TextField
              id={fields.displayName}
              name="displayName"
              label="Name"
              hint="Their full name, as colleagues and partners know them."
              autoComplete="off"
              spellCheck={false}
              error={errors.byField.get('displayName')}
            />
            <TextField
              id={fields.email}
              name="email"
              type="email"
              label="Email address"
              hint="They sign in with this email address."
              autoComplete="off"
              spellCheck={false}
              error={errors.byField.get('email')}
            />
            <SelectField
              id={fields.role}
              name="role"
              label="Role"
              hint="What they can see and do in Liaison. An auditor can look at everything but change nothing."
              options={roleOptions}
              defaultValue=""
              error={errors.byField.get('role')}
            />
            <p>
              They will choose their own password, through a set-up link you give them once they are added.
            </p>
            <button className="nhsuk-button" type="submit">
              Add staff member
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
