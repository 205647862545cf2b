import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { addStaffMember, type StaffRole } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { roleLabels, staffRoles } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Select, TextInput } from '../ui/fields.tsx';
import {
  type FormErrors,
  formErrorsFrom,
  missingFields,
  noFormErrors,
  toFormErrors,
} from '../ui/form-errors.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import type { StaffLocationState } from './StaffPage.tsx';

// API field name → input id, in the order the fields appear.
const fields = { displayName: 'display-name', email: 'email', role: 'role', password: 'password' };

export function AddStaffPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [isSubmitting, setIsSubmitting] = useState(false);
  usePageTitle('Add a staff member', errors.items.length > 0);

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
      password: String(form.get('password') ?? ''),
    };
    const missing = missingFields(values, {
      displayName: 'Enter their name',
      email: 'Enter their email address',
      role: 'Choose a role',
      password: 'Enter a password for them',
    });
    if (missing.length > 0) {
      setErrors(toFormErrors(fields, missing));
      return;
    }
    setIsSubmitting(true);
    try {
      const added = await addStaffMember({ ...values, role: values.role as StaffRole });
      const state: StaffLocationState = { added: added.displayName };
      navigate('/staff', { state });
    } catch (error) {
      setErrors(formErrorsFrom(fields, error));
      setIsSubmitting(false);
    }
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
            <TextInput
              id={fields.displayName}
              name="displayName"
              label="Name"
              hint="Their full name, as colleagues and partners know them."
              autoComplete="off"
              spellCheck={false}
              error={errors.byField.get('displayName')}
            />
            <TextInput
              id={fields.email}
              name="email"
              type="email"
              label="Email address"
              hint="They sign in with this email address."
              autoComplete="off"
              spellCheck={false}
              error={errors.byField.get('email')}
            />
            <Select
              id={fields.role}
              name="role"
              label="Role"
              hint="What they can see and do in Liaison. An auditor can look at everything but change nothing."
              options={roleOptions}
              defaultValue=""
              error={errors.byField.get('role')}
            />
            <TextInput
              id={fields.password}
              name="password"
              type="password"
              label="Password"
              hint="At least 8 characters. Tell them it in person or by phone, not by email."
              autoComplete="new-password"
              widthClass="nhsuk-input--width-20"
              error={errors.byField.get('password')}
            />
            <button className="nhsuk-button" type="submit">
              Add staff member
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
