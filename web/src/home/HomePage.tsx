import { getOrganisation } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { AttentionSummary } from '../messages/AttentionPage.tsx';
import { roleLabels } from '../roles.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';

export function HomePage() {
  const session = useSession();
  const [organisation, reload] = useResource('organisation', getOrganisation);
  usePageTitle('Home');

  const organisationRows: SummaryRow[] = [{ key: 'Name', value: session.organisation.name }];
  if (organisation.status === 'loaded') {
    const { registrationNumber, registeredManagerName } = organisation.data;
    if (registrationNumber) organisationRows.push({ key: 'Registration number', value: registrationNumber });
    if (registeredManagerName)
      organisationRows.push({ key: 'Registered manager', value: registeredManagerName });
  }

  const accountRows: SummaryRow[] = [
    { key: 'Name', value: session.user.displayName },
    ...(session.user.email ? [{ key: 'Email address', value: session.user.email }] : []),
    { key: 'Role', value: roleLabels[session.user.role] },
  ];

  return (
    <>
      <h1>{session.organisation.name}</h1>
      <AttentionSummary />
      {organisation.status === 'failed' ? (
        <LoadProblem error={organisation.error} onTryAgain={reload} />
      ) : null}
      <h2>Your organisation</h2>
      <SummaryList rows={organisationRows} />
      <h2>Your account</h2>
      <SummaryList rows={accountRows} />
    </>
  );
}
