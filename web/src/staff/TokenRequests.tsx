import { useState } from 'react';
import { type ApiToken, decideApiToken, listApiTokens } from '../api.ts';
import { roleLabels } from '../roles.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { formatDateTime } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { useResource } from '../ui/useResource.ts';

/**
 * For the registered manager: API tokens an admin asked for that would read people's records.
 * None works until it is approved here.
 */
export function TokenRequests() {
  const [tokens, reload] = useResource('API tokens', listApiTokens);
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [decidingId, setDecidingId] = useState<string | null>(null);

  async function decide(token: ApiToken, decision: 'approval' | 'refusal') {
    if (decidingId) return;
    setDecidingId(token.id);
    setProblems([]);
    setNotice(null);
    try {
      await decideApiToken(token.id, decision);
      setNotice(
        decision === 'approval'
          ? `The API token “${token.name}” is approved: it works from now on.`
          : `The API token “${token.name}” is refused: it will never work.`,
      );
      reload();
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setDecidingId(null);
    }
  }

  if (tokens.status === 'loading') return null;
  if (tokens.status === 'failed') return <LoadProblem error={tokens.error} onTryAgain={reload} />;
  const awaiting = tokens.data.items.filter((token) => token.status === 'awaiting_approval');
  if (awaiting.length === 0 && !notice && problems.length === 0) return null;
  return (
    <section aria-labelledby="token-requests">
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h2 id="token-requests">API tokens waiting for your approval</h2>
      {awaiting.length === 0 ? (
        <p>There are no API tokens waiting for your approval.</p>
      ) : (
        <>
          <p>
            A system using one of these could read people’s records with the role shown. None works until you
            approve it.
          </p>
          <ul className="nhsuk-list">
            {awaiting.map((token) => (
              <li key={token.id} className="nhsuk-card nhsuk-u-padding-4">
                <p className="nhsuk-u-margin-bottom-2">
                  <strong>{token.name}</strong>, acting as {roleLabels[token.role].toLowerCase()}. Asked for
                  by {token.requestedBy} on {formatDateTime(token.createdAt)}
                  {token.expiresAt ? `, until ${formatDateTime(token.expiresAt)}` : ', with no expiry'}.
                </p>
                <button
                  className="nhsuk-button nhsuk-button--small nhsuk-u-margin-bottom-0"
                  type="button"
                  aria-disabled={decidingId === token.id ? 'true' : undefined}
                  onClick={() => decide(token, 'approval')}
                >
                  Approve<span className="nhsuk-u-visually-hidden"> {token.name}</span>
                </button>
                <button
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0 nhsuk-u-margin-left-2"
                  type="button"
                  aria-disabled={decidingId === token.id ? 'true' : undefined}
                  onClick={() => decide(token, 'refusal')}
                >
                  Refuse<span className="nhsuk-u-visually-hidden"> {token.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
