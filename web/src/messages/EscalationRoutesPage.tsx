import { useState } from 'react';
import { Link } from 'react-router';
import { type EscalationRouteSetting, listEscalationRoutes, resetEscalationRoute } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loading } from '../ui/page-parts.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { routeKeepers } from './access.ts';
import { describeDelay, describeRepeat, routeTemplateLabels, targetLabels } from './message-labels.ts';

export function EscalationRoutesPage() {
  const session = useSession();
  const canChange = hasRole(session.user.role, routeKeepers);
  const [routes, reload] = useResource('escalation routes', listEscalationRoutes);
  const [notice, setNotice] = useNotice();
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [resetting, setResetting] = useState<string | null>(null);
  usePageTitle('Escalation routes', problems.length > 0);

  async function reset(setting: EscalationRouteSetting) {
    const key = `${setting.template} ${setting.urgency}`;
    if (resetting) return;
    setResetting(key);
    try {
      await resetEscalationRoute(setting.template, setting.urgency, setting.version);
      setProblems([]);
      setNotice(
        `${routeTemplateLabels[setting.template]} (${setting.urgency}) is back to the standard route.`,
      );
      reload();
    } catch (error) {
      setNotice(null);
      setProblems([{ text: describeError(error) }]);
    } finally {
      setResetting(null);
    }
  }

  return (
    <>
      <BackLink to="/messages">Back to partner messages</BackLink>
      <ErrorSummary items={problems} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Escalation routes</h1>
      <p>
        When a partner does not reply by the deadline, Liaison chases them along the route for that kind of
        message and urgency: reminders, the next contact or duty line, a senior contact, and a manager here.
        Outside working hours it uses the partner’s out-of-hours channels. A response stops the route.
      </p>
      <p>Changing a route affects messages sent from then on; messages already sent keep their own.</p>
      {routes.status === 'loading' ? <Loading /> : null}
      {routes.status === 'failed' ? <LoadProblem error={routes.error} onTryAgain={reload} /> : null}
      {routes.status === 'loaded'
        ? routes.data.items.map((setting) => {
            const key = `${setting.template} ${setting.urgency}`;
            const name = `${routeTemplateLabels[setting.template]}, ${setting.urgency}`;
            return (
              <div className="nhsuk-card" key={key}>
                <div className="nhsuk-card__content">
                  <h2 className="nhsuk-card__heading nhsuk-heading-m">
                    {routeTemplateLabels[setting.template]}
                    <span className="nhsuk-caption-m">
                      {setting.urgency === 'urgent' ? 'Urgent' : 'Routine'}
                      {setting.isDefault ? ', the standard route' : ', changed for your organisation'}
                    </span>
                  </h2>
                  <ol className="nhsuk-list nhsuk-list--number">
                    {setting.route.steps.map((step, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a route's steps in their fixed order
                      <li key={index}>
                        {describeDelay(step.delay, index === 0)}: {targetLabels[step.target].toLowerCase()}
                        {step.stopsOnAcknowledgement ? ' (not needed once they acknowledge)' : ''}
                      </li>
                    ))}
                  </ol>
                  {setting.route.repeat ? <p>Then {describeRepeat(setting.route.repeat)}.</p> : null}
                  {canChange ? (
                    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                      <li>
                        <Link to={`/messages/escalation-routes/${setting.template}/${setting.urgency}`}>
                          Change this route<span className="nhsuk-u-visually-hidden"> ({name})</span>
                        </Link>
                      </li>
                      {setting.isDefault ? null : (
                        <li>
                          <button
                            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                            type="button"
                            aria-disabled={resetting === key ? 'true' : undefined}
                            onClick={() => reset(setting)}
                          >
                            Go back to the standard route
                            <span className="nhsuk-u-visually-hidden"> ({name})</span>
                          </button>
                        </li>
                      )}
                    </ul>
                  ) : null}
                </div>
              </div>
            );
          })
        : null}
    </>
  );
}
