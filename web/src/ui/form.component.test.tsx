import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type FieldError } from '../api.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { Form, type SubmitAction, SubmitButton, useFormSubmit } from './form.tsx';
import { Checkboxes, TextField } from './form-fields.tsx';

afterEach(cleanup);

const fields = { name: 'contact-name', partnerContactIds: 'recipients' };

function ContactForm({
  action,
  onRendered,
}: {
  action: SubmitAction;
  onRendered?: (changed: boolean) => void;
}) {
  const form = useFormSubmit(fields, action);
  onRendered?.(form.isChangedElsewhere);
  return (
    <>
      <ErrorSummary items={form.errors.items} />
      <Form form={form}>
        <TextField name="name" label="Name" />
        <Checkboxes
          name="partnerContactIds"
          legend="Who to"
          items={[
            { value: 'a', label: 'Ann' },
            { value: 'b', label: 'Bob' },
          ]}
        />
        <SubmitButton>Save</SubmitButton>
      </Form>
    </>
  );
}

async function submit() {
  await act(async () => {
    fireEvent.submit(screen.getByRole('button', { name: 'Save' }).closest('form') as HTMLFormElement);
  });
}

describe('useFormSubmit with Form and the fields', () => {
  it('gives each field the input id from the form, and sends what was typed', async () => {
    const action = vi.fn<SubmitAction>(() => undefined);
    render(<ContactForm action={action} />);
    const name = screen.getByLabelText('Name');
    expect(name.id).toBe('contact-name');
    expect(screen.getByLabelText('Ann').id).toBe('recipients');
    fireEvent.change(name, { target: { value: 'Ann Other' } });
    await submit();
    expect(action).toHaveBeenCalledTimes(1);
    expect(action.mock.calls[0]?.[0].get('name')).toBe('Ann Other');
    expect(screen.queryByText('There is a problem')).toBeNull();
  });

  it('shows the problems the page finds beside their fields and in the summary, linked to the input', async () => {
    const problems: FieldError[] = [{ field: 'name', message: 'Enter their name' }];
    render(<ContactForm action={() => problems} />);
    await submit();
    expect(screen.getByRole('link', { name: 'Enter their name' }).getAttribute('href')).toBe('#contact-name');
    const input = screen.getByLabelText('Name');
    expect(input.className).toContain('nhsuk-input--error');
    expect(input.getAttribute('aria-describedby')).toBe('contact-name-error');
    expect(document.getElementById('contact-name-error')?.textContent).toBe('Error: Enter their name');
  });

  it('maps the server’s field errors to the fields, a list item’s beside its list', async () => {
    const refusal = new ApiError({
      status: 400,
      title: 'Bad request',
      detail: 'Check the form',
      fieldErrors: [
        { field: 'partnerContactIds.1', message: 'Bob has left' },
        { field: 'notes', message: 'Notes are too long' },
      ],
    });
    render(
      <ContactForm
        action={async () => {
          throw refusal;
        }}
      />,
    );
    await submit();
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByRole('link', { name: 'Bob has left' }).getAttribute('href')).toBe('#recipients');
    // A field the form does not show is listed without a link.
    expect(screen.getByText('Notes are too long').tagName).toBe('LI');
    expect(document.getElementById('recipients-error')?.textContent).toBe('Error: Bob has left');
  });

  it('says the record was changed elsewhere when the server answers 412', async () => {
    const seen: boolean[] = [];
    render(
      <ContactForm
        action={async () => {
          throw new ApiError({ status: 412, title: 'Changed', detail: 'Someone else changed this contact.' });
        }}
        onRendered={(changed) => seen.push(changed)}
      />,
    );
    await submit();
    expect(screen.getByText('Someone else changed this contact.')).toBeTruthy();
    expect(seen.at(-1)).toBe(true);
  });

  it('ignores a second submit while the first is being sent, and says it is being sent', async () => {
    let finish: () => void = () => {};
    const action = vi.fn<SubmitAction>(
      () =>
        new Promise<undefined>((resolve) => {
          finish = () => resolve(undefined);
        }),
    );
    render(<ContactForm action={action} />);
    await submit();
    await submit();
    expect(action).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('aria-disabled')).toBe('true');
    await act(async () => finish());
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('aria-disabled')).toBeNull();
    await submit();
    expect(action).toHaveBeenCalledTimes(2);
  });

  it('lets the page word a refusal its own way', async () => {
    function SignIn() {
      const form = useFormSubmit(
        { email: 'email' },
        async () => {
          throw new ApiError({ status: 401, title: 'No', detail: 'Wrong email or password' });
        },
        {
          explainFailure: (error) =>
            error instanceof ApiError && error.status === 401
              ? { items: [{ text: error.detail, href: '#email' }], byField: new Map() }
              : undefined,
        },
      );
      return (
        <>
          <ErrorSummary items={form.errors.items} />
          <Form form={form}>
            <TextField name="email" label="Email" />
            <SubmitButton>Save</SubmitButton>
          </Form>
        </>
      );
    }
    render(<SignIn />);
    await submit();
    expect(screen.getByRole('link', { name: 'Wrong email or password' }).getAttribute('href')).toBe('#email');
    expect(screen.getByLabelText('Email').className).not.toContain('nhsuk-input--error');
  });
});
