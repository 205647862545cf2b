import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api.ts';
import { useFormSubmit } from './form.tsx';
import { BackLink, ButtonLink, FormPage, InsetText, Lines, Loaded, MultiLine } from './page-parts.tsx';
import { Cell, Row, Table } from './Table.tsx';

afterEach(cleanup);

describe('Loaded', () => {
  it('says it is loading, then shows what was loaded', () => {
    const { rerender } = render(
      <Loaded resource={{ status: 'loading' }} reload={() => {}} loading="Loading the organisation">
        {(name: string) => <p>{name}</p>}
      </Loaded>,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading the organisation');
    rerender(
      <Loaded resource={{ status: 'loaded', data: 'Riverside Medical Practice' }} reload={() => {}}>
        {(name: string) => <p>{name}</p>}
      </Loaded>,
    );
    expect(screen.getByText('Riverside Medical Practice')).toBeTruthy();
  });

  it('shows the problem with a way to try again', () => {
    const reload = vi.fn();
    const error = new ApiError({ status: 503, title: 'Unavailable', detail: 'The service is busy.' });
    render(
      <Loaded resource={{ status: 'failed', error }} reload={reload}>
        {() => <p>never</p>}
      </Loaded>,
    );
    expect(screen.getByRole('alert').textContent).toContain('The service is busy.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('FormPage', () => {
  function Page() {
    const form = useFormSubmit({}, () => undefined);
    return (
      <FormPage back={<BackLink to="/people">Back to people</BackLink>} title="Add a person" form={form}>
        <p>The form</p>
      </FormPage>
    );
  }

  it('puts the way back, the heading and the content in the reading column, and titles the tab', () => {
    render(
      <MemoryRouter>
        <Page />
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Add a person');
    expect(screen.getByRole('link', { name: 'Back to people' }).getAttribute('href')).toBe('/people');
    expect(screen.getByText('The form').closest('.nhsuk-grid-column-two-thirds')).toBeTruthy();
    expect(document.title).toBe('Add a person – Liaison');
  });

  it('shows what the form is about above the heading and after it in the tab’s title', () => {
    function CaptionedPage() {
      const form = useFormSubmit({}, () => undefined);
      return (
        <FormPage title="Record written confirmation" caption="Ann Example" form={form}>
          <p>The form</p>
        </FormPage>
      );
    }
    render(<CaptionedPage />);
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.querySelector('.nhsuk-caption-l')?.textContent).toBe('Ann Example');
    expect(heading.textContent).toBe('Ann ExampleRecord written confirmation');
    expect(document.title).toBe('Record written confirmation: Ann Example – Liaison');
  });
});

describe('the small parts', () => {
  it('ButtonLink looks like a button, primary or secondary, and is not dragged like a link', () => {
    render(
      <MemoryRouter>
        <ButtonLink to="/people/new">Add a person</ButtonLink>
        <ButtonLink to="/people/p1/change" variant="secondary">
          Change details
        </ButtonLink>
      </MemoryRouter>,
    );
    const add = screen.getByRole('link', { name: 'Add a person' });
    expect(add.className).toBe('nhsuk-button');
    expect(add.getAttribute('href')).toBe('/people/new');
    expect(add.getAttribute('draggable')).toBe('false');
    expect(screen.getByRole('link', { name: 'Change details' }).className).toBe(
      'nhsuk-button nhsuk-button--secondary',
    );
  });

  it('InsetText says what it is to a screen reader first', () => {
    render(<InsetText>Withdrawal takes effect straight away.</InsetText>);
    const inset = screen.getByText('Withdrawal takes effect straight away.').closest('.nhsuk-inset-text');
    expect(inset?.textContent).toBe('Information: Withdrawal takes effect straight away.');
  });

  it('Lines shows one line plainly, several as a list, none as the word given', () => {
    const { container, rerender } = render(<Lines lines={['Any GP']} />);
    expect(container.textContent).toBe('Any GP');
    rerender(<Lines lines={['Any GP', 'Riverside Medical Practice']} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    rerender(<Lines lines={[]} empty="No one" />);
    expect(container.textContent).toBe('No one');
  });

  it('MultiLine keeps the lines as typed', () => {
    const { container } = render(<MultiLine text={'Flat 2\n1 High Street'} />);
    expect([...container.querySelectorAll('span')].map((line) => line.textContent)).toEqual([
      'Flat 2',
      '1 High Street',
    ]);
  });

  it('Table labels each cell with its column for small screens', () => {
    render(
      <Table caption="Contacts" headings={['Name', 'Role']}>
        <Row>
          <Cell heading="Name">Ann</Cell>
          <Cell heading="Role">GP</Cell>
        </Row>
      </Table>,
    );
    expect(screen.getByRole('table', { name: 'Contacts' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Name', 'Role']);
    expect(screen.getAllByRole('cell')[1]?.textContent).toBe('Role GP');
  });
});
