import type { FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getPerson, listShares, type ShareLogEntry, shareLogExportPath } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { DownloadLink } from '../ui/DownloadLink.tsx';
import { SelectField } from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Lines, Loading } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { safeguardingShareReaders, shareLogExporters } from './access.ts';
import { basisLabels, listCategories, purposeLabels, queueStatusLabels } from './sharing-labels.ts';
import { sharingPath } from './sharing-parts.tsx';

const pageSize = 25;
const outcomes = ['allowed', 'refused'] as const;

/** Every share, and every refused attempt, for one person, newest first. Reading it is audited. */
export function ShareLogPage() {
  const { personId = '' } = useParams();
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const outcomeParam = searchParams.get('outcome') ?? '';
  const outcome = (outcomes as readonly string[]).includes(outcomeParam)
    ? (outcomeParam as (typeof outcomes)[number])
    : undefined;
  const page = pageFrom(searchParams);
  const [person] = useResource(`person ${personId}`, () => getPerson(personId));
  const [shares, reload] = useResource(`share log ${personId} ${searchParams.toString()}`, () =>
    listShares(personId, { limit: pageSize, offset: (page - 1) * pageSize, ...(outcome ? { outcome } : {}) }),
  );
  const name = person.status === 'loaded' ? personName(person.data) : null;
  usePageTitle(name ? `Share log: ${name}` : 'Share log');

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = String(new FormData(event.currentTarget).get('outcome') ?? '');
    setSearchParams(chosen ? { outcome: chosen } : {});
  }

  return (
    <>
      <BackLink to={sharingPath(personId)}>Back to {name ? `${name}’s ` : ''}consent and sharing</BackLink>
      <h1>
        {name ? <span className="nhsuk-caption-l">{name}</span> : null}
        Share log
      </h1>
      <p>
        Everything shared about {name ?? 'this person'} with partners, and every attempt Liaison refused, with
        the basis it was shared on. Newest first.
      </p>
      {hasRole(session.user.role, safeguardingShareReaders) ? null : (
        <p>
          Shares made to protect someone from abuse or neglect are need-to-know: you see the ones you made. A
          manager can see them all.
        </p>
      )}
      <p>
        <Link to={`/people/${personId}/can-i-share`}>Can I share this?</Link>
      </p>
      {hasRole(session.user.role, shareLogExporters) ? (
        <p>
          {/* The export is audited, and asks for the password again when the sign-in is not recent. */}
          <DownloadLink path={shareLogExportPath(personId)}>Download the whole share log (CSV)</DownloadLink>
        </p>
      ) : null}
      <form className="nhsuk-u-margin-bottom-5" onSubmit={filter} noValidate key={searchParams.toString()}>
        <SelectField
          id="outcome"
          name="outcome"
          label="Show"
          options={[
            { value: '', label: 'Everything' },
            { value: 'allowed', label: 'Shares allowed' },
            { value: 'refused', label: 'Shares refused' },
          ]}
          defaultValue={outcome ?? ''}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show
        </button>
      </form>
      {shares.status === 'loading' ? <Loading /> : null}
      {shares.status === 'failed' ? <LoadProblem error={shares.error} onTryAgain={reload} /> : null}
      {shares.status === 'loaded' ? (
        <>
          {shares.data.items.length === 0 ? (
            <p>{page > 1 ? 'There are no more shares.' : 'Nothing has been shared or refused yet.'}</p>
          ) : (
            <ShareLogTable shares={shares.data.items} />
          )}
          <Pagination
            page={page}
            hasNextPage={shares.data.items.length === pageSize}
            searchParams={searchParams}
          />
        </>
      ) : null}
    </>
  );
}

function ShareLogTable({ shares }: { shares: readonly ShareLogEntry[] }) {
  return (
    <Table
      caption="Shares, newest first"
      headings={['When', 'To', 'For', 'Information', 'Outcome', 'Basis or reasons', 'Who', 'What was shared']}
    >
      {shares.map((share) => (
        <Row key={share.id}>
          <Cell heading="When">
            <time dateTime={share.occurredAt}>{formatDateTime(share.occurredAt)}</time>
          </Cell>
          <Cell heading="To">
            {share.partnerContactName
              ? `${share.partnerContactName}, ${share.partnerOrganisationName}`
              : share.partnerOrganisationName}
          </Cell>
          <Cell heading="For">{purposeLabels[share.purpose]}</Cell>
          <Cell heading="Information">{listCategories(share.categories)}</Cell>
          <Cell heading="Outcome">
            {share.outcome === 'allowed' ? (
              <strong className="nhsuk-tag nhsuk-tag--green">Allowed</strong>
            ) : (
              <strong className="nhsuk-tag nhsuk-tag--red">Refused</strong>
            )}
            {share.queueStatus ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0">
                {queueStatusLabels[share.queueStatus]}
              </span>
            ) : null}
          </Cell>
          <Cell heading="Basis or reasons">
            {share.basis ? (
              basisLabels[share.basis]
            ) : (
              <Lines lines={share.reasons.map((reason) => reason.message)} />
            )}
          </Cell>
          <Cell heading="Who">{share.sharedBy}</Cell>
          <Cell heading="What was shared">{share.description ?? 'Not described'}</Cell>
        </Row>
      ))}
    </Table>
  );
}
