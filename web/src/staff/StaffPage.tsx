import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import {
  changeStaffMember,
  listStaff,
  renewSetUpLink,
  resetStaffMfa,
  type Session,
  type SetUpLink,
  type StaffMember,
} from '../api.ts';
import { accessHistoryReaders } from '../audit/access.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole, roleLabels, staffAdministrators } from '../roles.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDate } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { ButtonLink, Loading } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { SetUpLinkPanel } from './SetUpLinkPanel.tsx';
import { TokenRequests } from './TokenRequests.tsx';

const pageSize = 50;

/** Set by the add page when it sends the person back here. */
export type StaffLocationState = { added?: string };

export function StaffPage() {
  const session = useSession();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const page = pageFrom(searchParams);
  const [staff, reload] = useResource(`staff page ${page}`, () =>
    listStaff({ limit: pageSize, offset: (page - 1) * pageSize }),
  );
  const added = (location.state as StaffLocationState | null)?.added;
  const [notice, setNotice] = useState<string | null>(added ? `${added} has been added.` : null);
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [changingId, setChangingId] = useState<string | null>(null);
  // A new set-up link, shown once from this page's memory: never kept in the browser.
  const [renewed, setRenewed] = useState<{ displayName: string; link: SetUpLink } | null>(null);
  const canAdminister = hasRole(session.user.role, staffAdministrators);
  usePageTitle('Staff', problems.length > 0);

  async function setDisabled(member: StaffMember, disabled: boolean) {
    if (changingId) return;
    setChangingId(member.id);
    setProblems([]);
    setNotice(null);
    try {
      await changeStaffMember(member.id, member.version, { disabled });
      setNotice(
        disabled
          ? `${member.displayName}’s account has been disabled. They have been signed out and cannot sign in.`
          : `${member.displayName}’s account has been enabled. They can sign in again.`,
      );
      reload();
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setChangingId(null);
    }
  }

  async function newSetUpLink(member: StaffMember) {
    if (changingId) return;
    setChangingId(member.id);
    setProblems([]);
    setNotice(null);
    setRenewed(null);
    try {
      setRenewed({ displayName: member.displayName, link: await renewSetUpLink(member.id) });
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setChangingId(null);
    }
  }

  async function resetAuthenticator(member: StaffMember) {
    if (changingId) return;
    setChangingId(member.id);
    setProblems([]);
    setNotice(null);
    try {
      await resetStaffMfa(member.id);
      setNotice(
        `${member.displayName}’s authenticator app has been reset. They have been signed out, and will set up a new one when they next sign in.`,
      );
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setChangingId(null);
    }
  }

  return (
    <>
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Staff</h1>
      <p>Everyone in your organisation with a Liaison account, and their role.</p>
      {renewed ? (
        <>
          <h2>A new set-up link for {renewed.displayName}</h2>
          <SetUpLinkPanel displayName={renewed.displayName} link={renewed.link} />
        </>
      ) : null}
      {session.user.role === 'registered_manager' ? <TokenRequests /> : null}
      {canAdminister ? (
        <p>
          <ButtonLink to="/staff/add">Add a staff member</ButtonLink>
        </p>
      ) : null}
      {staff.status === 'loading' ? <Loading what="Loading staff" /> : null}
      {staff.status === 'failed' ? <LoadProblem error={staff.error} onTryAgain={reload} /> : null}
      {staff.status === 'loaded' ? (
        <>
          <StaffTable
            staff={staff.data.items}
            session={session}
            canAdminister={canAdminister}
            changingId={changingId}
            onSetDisabled={setDisabled}
            onResetAuthenticator={resetAuthenticator}
            onNewSetUpLink={newSetUpLink}
          />
          <Pagination page={page} hasNextPage={staff.data.items.length === pageSize} />
        </>
      ) : null}
    </>
  );
}

function StaffTable({
  staff,
  session,
  canAdminister,
  changingId,
  onSetDisabled,
  onResetAuthenticator,
  onNewSetUpLink,
}: {
  staff: readonly StaffMember[];
  session: Session;
  canAdminister: boolean;
  changingId: string | null;
  onSetDisabled: (member: StaffMember, disabled: boolean) => void;
  onResetAuthenticator: (member: StaffMember) => void;
  onNewSetUpLink: (member: StaffMember) => void;
}) {
  if (staff.length === 0) return <p>There are no staff to show on this page.</p>;
  const headings = ['Name', 'Email address', 'Role', 'Status', 'Added', ...(canAdminister ? ['Action'] : [])];
  return (
    <Table caption="Staff accounts" headings={headings}>
      {staff.map((member) => {
        const canChange =
          canAdminister &&
          member.id !== session.user.id &&
          (session.user.role === 'admin' || member.role !== 'admin');
        return (
          <Row key={member.id}>
            <Cell heading="Name">
              {hasRole(session.user.role, accessHistoryReaders) ? (
                <Link to={`/audit/staff/${member.id}`}>
                  {member.displayName}
                  <span className="nhsuk-u-visually-hidden">: what they have accessed</span>
                </Link>
              ) : (
                member.displayName
              )}
            </Cell>
            <Cell heading="Email address">{member.email}</Cell>
            <Cell heading="Role">{roleLabels[member.role]}</Cell>
            <Cell heading="Status">
              {member.disabled ? (
                <strong className="nhsuk-tag nhsuk-tag--grey">Disabled</strong>
              ) : member.awaitingSetUp ? (
                <strong className="nhsuk-tag nhsuk-tag--yellow">Not set up yet</strong>
              ) : (
                <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>
              )}
            </Cell>
            <Cell heading="Added">
              <time className="nhsuk-u-nowrap" dateTime={member.createdAt}>
                {formatDate(member.createdAt)}
              </time>
            </Cell>
            {canAdminister ? (
              <Cell heading="Action">
                {canChange ? (
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                    type="button"
                    aria-disabled={changingId === member.id ? 'true' : undefined}
                    onClick={() => onSetDisabled(member, !member.disabled)}
                  >
                    {member.disabled ? 'Enable' : 'Disable'}
                    <span className="nhsuk-u-visually-hidden"> {member.displayName}</span>
                  </button>
                ) : null}
                {canChange && !member.disabled && member.awaitingSetUp ? (
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0 nhsuk-u-margin-left-2"
                    type="button"
                    aria-disabled={changingId === member.id ? 'true' : undefined}
                    onClick={() => onNewSetUpLink(member)}
                  >
                    New set-up link
                    <span className="nhsuk-u-visually-hidden"> for {member.displayName}</span>
                  </button>
                ) : null}
                {/* Offered for the roles that must use an authenticator app; anyone's can be reset through the API. */}
                {canChange &&
                !member.disabled &&
                !member.awaitingSetUp &&
                member.role !== 'care_worker' &&
                member.role !== 'auditor' ? (
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0 nhsuk-u-margin-left-2"
                    type="button"
                    aria-disabled={changingId === member.id ? 'true' : undefined}
                    onClick={() => onResetAuthenticator(member)}
                  >
                    Reset authenticator
                    <span className="nhsuk-u-visually-hidden"> for {member.displayName}</span>
                  </button>
                ) : null}
              </Cell>
            ) : null}
          </Row>
        );
      })}
    </Table>
  );
}
