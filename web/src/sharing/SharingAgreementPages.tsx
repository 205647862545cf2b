import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  addSharingAgreement,
  changeSharingAgreement,
  type FieldError,
  getSharingAgreement,
  type InformationCategory,
  listSharingAgreements,
  type PartnerOrganisation,
  type SharingAgreement,
  type SharingPurpose,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { listAllPartnerOrganisations } from '../partners/PartnersPage.tsx';
import { hasRole } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  changesFrom,
  DateInput,
  dateProblems,
  readChoices,
  readDateInput,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { dateInputExample, todayInLondon } from '../ui/london-time.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { type NoticeState, useNotice } from '../ui/notice.ts';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, ButtonLink, Loaded, Loading, MultiLine } from '../ui/page-parts.tsx';
import { CategoryCheckboxes, PurposeCheckboxes, purposeAndCategoryProblems } from '../ui/sharing-fields.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { sharingDeciders } from './access.ts';
import { listCategories, listPurposes } from './sharing-labels.ts';

const agreementsPath = '/partners/sharing-agreements';
const pageSize = 50;

/** Where an agreement stands today: it counts only between its start and end dates. */
function agreementStatus(agreement: SharingAgreement, today: string) {
  // Non-breaking spaces keep each tag on one line in a narrow column.
  if (agreement.inForce) return { label: 'In\u00a0force', tag: 'nhsuk-tag--green' };
  if (agreement.startsOn > today) return { label: 'Not\u00a0started', tag: 'nhsuk-tag--blue' };
  return { label: 'Ended', tag: 'nhsuk-tag--grey' };
}

function agreementDates(agreement: SharingAgreement): string {
  return agreement.endsOn
    ? `${formatDate(agreement.startsOn)} to ${formatDate(agreement.endsOn)}`
    : `From ${formatDate(agreement.startsOn)}, with no end date`;
}

export function SharingAgreementsPage() {
  const session = useSession();
  const [searchParams] = useSearchParams();
  const [notice] = useNotice();
  const page = pageFrom(searchParams);
  const canWrite = hasRole(session.user.role, sharingDeciders);
  const [agreements, reload] = useResource(`sharing agreements ${page}`, () =>
    listSharingAgreements({ limit: pageSize, offset: (page - 1) * pageSize }),
  );
  usePageTitle('Information sharing agreements');
  const today = todayInLondon();

  return (
    <>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Information sharing agreements</h1>
      <p>
        The agreements you have with partner organisations about sharing information. When a share is allowed,
        Liaison shows the agreement with the recipient’s organisation that covers it.
      </p>
      <p>
        <Link to="/partners">Partner register</Link>
      </p>
      {canWrite ? (
        <p>
          <ButtonLink to={`${agreementsPath}/new`}>Add an agreement</ButtonLink>
        </p>
      ) : null}
      {agreements.status === 'loading' ? <Loading /> : null}
      {agreements.status === 'failed' ? <LoadProblem error={agreements.error} onTryAgain={reload} /> : null}
      {agreements.status === 'loaded' ? (
        <>
          {agreements.data.items.length === 0 ? (
            <p>No agreements have been recorded yet.</p>
          ) : (
            <Table
              caption="Agreements, by organisation"
              headings={[
                'Organisation',
                'Agreement',
                'Covers',
                'Dates',
                'Status',
                ...(canWrite ? ['Action'] : []),
              ]}
            >
              {agreements.data.items.map((agreement) => {
                const status = agreementStatus(agreement, today);
                return (
                  <Row key={agreement.id}>
                    <Cell heading="Organisation">
                      <Link to={`/partners/organisations/${agreement.partnerOrganisationId}`}>
                        {agreement.partnerOrganisationName}
                      </Link>
                    </Cell>
                    <Cell heading="Agreement">
                      {agreement.title}
                      {agreement.reference ? (
                        <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                          Reference {agreement.reference}
                        </span>
                      ) : null}
                      {agreement.notes ? (
                        <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                          <MultiLine text={agreement.notes} />
                        </span>
                      ) : null}
                    </Cell>
                    <Cell heading="Covers">
                      {listPurposes(agreement.purposes)}: {listCategories(agreement.categories).toLowerCase()}{' '}
                      information
                    </Cell>
                    <Cell heading="Dates">{agreementDates(agreement)}</Cell>
                    <Cell heading="Status">
                      <strong className={`nhsuk-tag ${status.tag}`}>{status.label}</strong>
                    </Cell>
                    {canWrite ? (
                      <Cell heading="Action">
                        <Link to={`${agreementsPath}/${agreement.id}/change`}>
                          Change<span className="nhsuk-u-visually-hidden"> {agreement.title}</span>
                        </Link>
                      </Cell>
                    ) : null}
                  </Row>
                );
              })}
            </Table>
          )}
          <Pagination
            page={page}
            hasNextPage={agreements.data.items.length === pageSize}
            searchParams={searchParams}
          />
        </>
      ) : null}
    </>
  );
}

// API field name → input id, in the order the fields appear.
const fields = {
  partnerOrganisationId: 'partner-organisation',
  title: 'title',
  reference: 'reference',
  purposes: 'purposes',
  categories: 'categories',
  startsOn: 'starts-on',
  endsOn: 'ends-on',
  notes: 'notes',
};

export function AddSharingAgreementPage() {
  const [organisations, reload] = useResource('all partner organisations', listAllPartnerOrganisations);
  if (organisations.status === 'loading') return <Loading />;
  if (organisations.status === 'failed')
    return <LoadProblem error={organisations.error} onTryAgain={reload} />;
  return <SharingAgreementForm organisations={organisations.data} agreement={null} />;
}

export function ChangeSharingAgreementPage() {
  const { agreementId = '' } = useParams();
  const [agreement, reload] = useResource(`sharing agreement ${agreementId}`, () =>
    getSharingAgreement(agreementId),
  );
  return (
    <Loaded resource={agreement} reload={reload}>
      {(data) => <SharingAgreementForm organisations={[]} agreement={data} />}
    </Loaded>
  );
}

function SharingAgreementForm({
  organisations,
  agreement,
}: {
  organisations: readonly PartnerOrganisation[];
  agreement: SharingAgreement | null;
}) {
  const navigate = useNavigate();
  const title = agreement ? `Change ${agreement.title}` : 'Add an information sharing agreement';
  const today = todayInLondon();

  const form = useFormSubmit(fields, async (formData) => {
    const partnerOrganisationId = agreement
      ? agreement.partnerOrganisationId
      : String(formData.get('partnerOrganisationId') ?? '');
    const values = {
      title: readText(formData, 'title') ?? '',
      reference: readText(formData, 'reference'),
      purposes: readChoices<SharingPurpose>(formData, 'purposes'),
      categories: readChoices<InformationCategory>(formData, 'categories'),
      notes: readText(formData, 'notes'),
    };
    const startsOn = readDateInput(formData, 'startsOn', 'The start date');
    const endsOn = readDateInput(formData, 'endsOn', 'The end date');

    const problems: FieldError[] = [];
    if (!partnerOrganisationId) {
      problems.push({ field: 'partnerOrganisationId', message: 'Choose the partner organisation' });
    }
    if (!values.title) problems.push({ field: 'title', message: 'Enter the agreement’s title' });
    problems.push(...purposeAndCategoryProblems(values.purposes, values.categories));
    problems.push(...dateProblems('startsOn', startsOn, 'Enter the date the agreement starts'));
    if ('problem' in endsOn) problems.push({ field: 'endsOn', message: endsOn.problem });
    if (problems.length > 0 || !('date' in startsOn) || !('date' in endsOn) || !startsOn.date)
      return problems;

    const complete = { ...values, startsOn: startsOn.date, endsOn: endsOn.date };
    let state: NoticeState;
    if (agreement) {
      const changes = changesFrom(agreement, complete);
      if (Object.keys(changes).length > 0) {
        await changeSharingAgreement(agreement.id, agreement.version, changes);
        state = { notice: `${complete.title} has been changed.` };
      } else {
        state = {};
      }
    } else {
      const added = await addSharingAgreement({ partnerOrganisationId, ...complete });
      state = { notice: `${added.title} with ${added.partnerOrganisationName} has been added.` };
    }
    navigate(agreementsPath, { state });
  });
  usePageTitle(title, form.hasErrors);

  return (
    <>
      <BackLink to={agreementsPath}>Back to information sharing agreements</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} />
          <h1>
            {agreement ? <span className="nhsuk-caption-l">{agreement.partnerOrganisationName}</span> : null}
            {title}
          </h1>
          <Form form={form}>
            {agreement ? null : (
              <SelectField
                name="partnerOrganisationId"
                label="Partner organisation"
                options={[
                  { value: '', label: 'Choose an organisation' },
                  ...organisations.map((organisation) => ({
                    value: organisation.id,
                    label: organisation.name,
                  })),
                ]}
              />
            )}
            <TextField
              name="title"
              label="Title"
              hint="As the agreement calls itself, like: Exampleton health and social care information sharing agreement."
              defaultValue={agreement?.title}
            />
            <TextField
              name="reference"
              label="Reference (optional)"
              widthClass="nhsuk-input--width-20"
              spellCheck={false}
              defaultValue={agreement?.reference}
            />
            <PurposeCheckboxes
              legend="What purposes does it cover?"
              {...(agreement ? { defaultValues: agreement.purposes } : {})}
            />
            <CategoryCheckboxes
              legend="What kinds of information does it cover?"
              {...(agreement ? { defaultValues: agreement.categories } : {})}
            />
            <DateInput
              name="startsOn"
              legend="When does it start?"
              hint={`For example, ${dateInputExample(today)}`}
              defaultValue={agreement?.startsOn}
            />
            <DateInput
              name="endsOn"
              legend="When does it end? (optional)"
              hint="Leave it empty if it has no end date. After this date Liaison no longer shows it."
              defaultValue={agreement?.endsOn}
            />
            <TextArea
              name="notes"
              label="Notes (optional)"
              hint="Like where the signed copy is kept, or when it is due for review."
              rows={3}
              defaultValue={agreement?.notes}
            />
            <SubmitButton>{agreement ? 'Save changes' : 'Add agreement'}</SubmitButton>
          </Form>
        </div>
      </div>
    </>
  );
}
