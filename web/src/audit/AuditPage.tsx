import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type AuditVerification, listStaff, verifyAuditTrail } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole, roleLabels } from '../roles.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDateTime } from '../ui/format.ts';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { accessHistoryReaders, auditVerifiers } from './access.ts';

const pageSize = 50;

/** The Audit section: check the trail's integrity, and find what a staff member has accessed. */
export function AuditPage() {
  const session = useSession();
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  usePageTitle('Audit trail', problems.length > 0);
  return (
    <>
      <ErrorSummary items={problems} />
      <h1>Audit trail</h1>
      <p>
        Liaison records every view and change of people’s records, every sign-in and every refused action. The
        trail cannot be quietly altered: each entry is sealed into a chain of fingerprints, and signed
        checkpoints of the chain are kept outside the database.
      </p>
      {hasRole(session.user.role, auditVerifiers) ? <CheckTrail onProblem={setProblems} /> : null}
      {hasRole(session.user.role, accessHistoryReaders) ? <StaffAccessLinks /> : null}
    </>
  );
}

function CheckTrail({ onProblem }: { onProblem: (problems: ErrorSummaryItem[]) => void }) {
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);

  async function check() {
    if (checking) return;
    setChecking(true);
    onProblem([]);
    try {
      setResult(await verifyAuditTrail());
    } catch (error) {
      onProblem([{ text: describeError(error) }]);
    } finally {
      setChecking(false);
    }
  }

  return (
    <>
      <h2>Check the audit trail</h2>
      <p>Recompute every fingerprint and compare the chain with its latest signed checkpoint.</p>
      <button
        className="nhsuk-button"
        type="button"
        aria-disabled={checking ? 'true' : undefined}
        onClick={() => void check()}
      >
        Check the audit trail
      </button>
      {result ? <CheckResult result={result} /> : null}
    </>
  );
}

function CheckResult({ result }: { result: AuditVerification }) {
  const { checkpoint } = result;
  const rows: SummaryRow[] = [
    {
      key: 'Result',
      value: result.verified ? (
        <strong className="nhsuk-tag nhsuk-tag--green">Verified</strong>
      ) : (
        <strong className="nhsuk-tag nhsuk-tag--red">Does not verify</strong>
      ),
    },
    { key: 'Entries checked', value: String(result.sealedEntries) },
    { key: 'Entries waiting to be sealed', value: String(result.unsealedEntries) },
    {
      key: 'Signed checkpoint',
      value:
        checkpoint.status === 'verified' && checkpoint.signedAt ? (
          <>
            Matches the checkpoint signed{' '}
            <time dateTime={checkpoint.signedAt}>{formatDateTime(checkpoint.signedAt)}</time> (
            {checkpoint.size} entries)
          </>
        ) : checkpoint.status === 'none' ? (
          'No checkpoint has been signed yet'
        ) : (
          'Does not match'
        ),
    },
  ];
  if (result.problem) rows.push({ key: 'Problem', value: result.problem });
  if (result.firstBadSeq !== null) rows.push({ key: 'First bad entry', value: String(result.firstBadSeq) });
  return (
    <div role="status">
      <SummaryList rows={rows} />
    </div>
  );
}

function StaffAccessLinks() {
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  const [staff, reload] = useResource(`audit staff page ${page}`, () =>
    listStaff({ limit: pageSize, offset: (page - 1) * pageSize }),
  );
  return (
    <>
      <h2>What has a staff member accessed</h2>
      <p>
        Choose a staff member to see every record they have viewed or changed. To see who has accessed a
        person’s record, open the record and choose “Who has accessed this record”.
      </p>
      {staff.status === 'loading' ? <Loading what="Loading staff" /> : null}
      {staff.status === 'failed' ? <LoadProblem error={staff.error} onTryAgain={reload} /> : null}
      {staff.status === 'loaded' ? (
        <>
          <Table caption="Staff" headings={['Name', 'Role']}>
            {staff.data.items.map((member) => (
              <Row key={member.id}>
                <Cell heading="Name">
                  <Link to={`/audit/staff/${member.id}`}>
                    {member.displayName}
                    <span className="nhsuk-u-visually-hidden">: what they have accessed</span>
                  </Link>
                </Cell>
                <Cell heading="Role">{roleLabels[member.role]}</Cell>
              </Row>
            ))}
          </Table>
          <Pagination page={page} hasNextPage={staff.data.items.length === pageSize} />
        </>
      ) : null}
    </>
  );
}
