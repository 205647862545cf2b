import { useId } from 'react';
import { Link } from 'react-router';
import {
  type ChannelNow,
  type ChannelOwner,
  findChannelNow,
  type PartnerChannel,
  type RequestUrgency,
} from '../api.ts';
import { formatDateTime } from '../ui/format.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { ButtonLink } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { useResource } from '../ui/useResource.ts';
import {
  channelHref,
  channelKindLabels,
  describeChannelName,
  describeHours,
  urgencyLabels,
} from './partner-labels.ts';

/** For those who keep the register: the way to add a channel to a contact or an organisation. */
export function AddChannelLink({ ownerPath }: { ownerPath: string }) {
  return (
    <p>
      <ButtonLink variant="secondary" to={`${ownerPath}/channels/new`}>
        Add a channel
      </ButtonLink>
    </p>
  );
}

/** A channel's value, as a link a phone or mail program can open when it is one. */
export function ChannelValue({ channel }: { channel: Pick<PartnerChannel, 'kind' | 'value'> }) {
  const href = channelHref(channel.kind, channel.value);
  return href ? (
    <a className="nhsuk-u-nowrap" href={href}>
      {channel.value}
    </a>
  ) : (
    <span>{channel.value}</span>
  );
}

export function UrgencyTags({ urgencies }: { urgencies: PartnerChannel['urgencies'] }) {
  const colour = { urgent: 'nhsuk-tag--red', routine: 'nhsuk-tag--blue', out_of_hours: 'nhsuk-tag--purple' };
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {urgencies.map((urgency) => (
        <li className="nhsuk-u-margin-bottom-1" key={urgency}>
          <strong className={`nhsuk-tag ${colour[urgency]}`}>{urgencyLabels[urgency]}</strong>
        </li>
      ))}
    </ul>
  );
}

export function StaffedHours({
  channel,
}: {
  channel: Pick<PartnerChannel, 'hours' | 'staffedOnBankHolidays'>;
}) {
  return (
    <>
      <ul className="nhsuk-list nhsuk-u-margin-bottom-1">
        {describeHours(channel.hours).map((line) => (
          <li className="nhsuk-u-margin-bottom-0" key={line}>
            {line}
          </li>
        ))}
      </ul>
      {channel.hours === '24/7' ? null : (
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-0">
          {channel.staffedOnBankHolidays ? 'Also staffed on bank holidays' : 'Not staffed on bank holidays'}
        </p>
      )}
    </>
  );
}

/** The channels of an organisation or contact; `changePath` is given only to those who may change them. */
export function ChannelTable({
  caption,
  channels,
  changePath,
}: {
  caption: string;
  channels: readonly PartnerChannel[];
  changePath?: ((channel: PartnerChannel) => string) | undefined;
}) {
  const headings = ['Channel', 'Use it for', 'When it is staffed', ...(changePath ? ['Action'] : [])];
  return (
    <Table caption={caption} headings={headings}>
      {channels.map((channel) => (
        <Row key={channel.id}>
          <Cell heading="Channel">
            <strong className="nhsuk-u-display-block">{channelKindLabels[channel.kind]}</strong>
            <ChannelValue channel={channel} />
            {channel.label ? <span className="nhsuk-u-display-block">{channel.label}</span> : null}
          </Cell>
          <Cell heading="Use it for">
            <UrgencyTags urgencies={channel.urgencies} />
          </Cell>
          <Cell heading="When it is staffed">
            <StaffedHours channel={channel} />
          </Cell>
          {changePath ? (
            <Cell heading="Action">
              <Link to={changePath(channel)}>
                Change<span className="nhsuk-u-visually-hidden"> {describeChannel(channel)}</span>
              </Link>
            </Cell>
          ) : null}
        </Row>
      ))}
    </Table>
  );
}

function describeChannel(channel: Pick<PartnerChannel, 'kind' | 'value'>): string {
  return `${channelKindLabels[channel.kind].toLowerCase()} ${channel.value}`;
}

const urgencyHeadings = {
  urgent: 'For an urgent matter',
  routine: 'For a routine matter',
} as const satisfies Record<RequestUrgency, string>;

/**
 * "How to reach them now": the channel the server chooses for an urgent and for a routine
 * matter at this moment, with its reason in plain English.
 */
export function HowToReachNow({ owner, headingLevel = 2 }: { owner: ChannelOwner; headingLevel?: 2 | 3 }) {
  const ownerKey =
    'contactId' in owner ? `contact ${owner.contactId}` : `organisation ${owner.organisationId}`;
  const [choices, reload] = useResource(`channel now ${ownerKey}`, async () => {
    const [urgent, routine] = await Promise.all([
      findChannelNow(owner, 'urgent'),
      findChannelNow(owner, 'routine'),
    ]);
    return { urgent, routine };
  });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <section aria-labelledby={`${ownerKey}-reach-now`.replace(/\s/g, '-')}>
      <Heading id={`${ownerKey}-reach-now`.replace(/\s/g, '-')}>How to reach them now</Heading>
      {choices.status === 'loading' ? (
        <p className="nhsuk-body" role="status">
          Checking which channels are staffed now
        </p>
      ) : null}
      {choices.status === 'failed' ? <LoadProblem error={choices.error} onTryAgain={reload} /> : null}
      {choices.status === 'loaded' ? (
        <>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <ChannelNowCard choice={choices.data.urgent} />
            </div>
            <div className="nhsuk-grid-column-one-half">
              <ChannelNowCard choice={choices.data.routine} />
            </div>
          </div>
          <p className="nhsuk-body-s">
            Checked at <time dateTime={choices.data.urgent.at}>{formatDateTime(choices.data.urgent.at)}</time>{' '}
            (UK time).{' '}
            <button
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
              type="button"
              onClick={reload}
            >
              Check again
            </button>
          </p>
        </>
      ) : null}
    </section>
  );
}

function ChannelNowCard({ choice }: { choice: ChannelNow }) {
  const headingId = useId();
  const { route } = choice;
  const variant = choice.urgency === 'urgent' ? 'nhsuk-card--care--urgent' : 'nhsuk-card--care--non-urgent';
  return (
    <section className={`nhsuk-card nhsuk-card--care ${variant}`} aria-labelledby={headingId}>
      <div className="nhsuk-card__heading-container">
        <h3 className="nhsuk-card__heading" id={headingId}>
          {urgencyHeadings[choice.urgency]}
        </h3>
        <span className="nhsuk-card--care__arrow" aria-hidden="true" />
      </div>
      <div className="nhsuk-card__content">
        {route ? (
          <>
            <p className="nhsuk-u-margin-bottom-2">
              <span className="nhsuk-u-visually-hidden">Use: </span>
              <strong>{describeChannelName(route.channel.kind, route.channel.label)}</strong>
            </p>
            <p className="nhsuk-heading-m nhsuk-u-margin-bottom-2">
              <ChannelValue channel={route.channel} />
            </p>
            <p className="nhsuk-u-margin-bottom-2">
              {route.whose === 'contact' ? 'Their own channel' : `${route.ownerName}’s channel`}
              {route.outOfHours ? (
                <>
                  {' '}
                  <strong className="nhsuk-tag nhsuk-tag--purple">Out-of-hours route</strong>
                </>
              ) : null}
            </p>
            <p className="nhsuk-u-margin-bottom-2">
              {route.staffedUntil ? (
                <>
                  Staffed until{' '}
                  <time dateTime={route.staffedUntil}>{formatDateTime(route.staffedUntil)}</time>
                </>
              ) : (
                'Staffed around the clock'
              )}
            </p>
          </>
        ) : (
          <p className="nhsuk-u-margin-bottom-2">
            <strong>No channel is staffed now.</strong>
            {choice.nextStaffedAt ? (
              <>
                {' '}
                Next staffed{' '}
                <time dateTime={choice.nextStaffedAt}>{formatDateTime(choice.nextStaffedAt)}</time>.
              </>
            ) : null}
          </p>
        )}
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{choice.reason}</p>
      </div>
    </section>
  );
}

/** One short line per urgency for a list of people or contacts: what to use now, or that nothing is staffed. */
export function ReachNowSummary({ contactId }: { contactId: string }) {
  const [choices, reload] = useResource(`channel now summary ${contactId}`, async () => {
    const owner = { contactId };
    const [urgent, routine] = await Promise.all([
      findChannelNow(owner, 'urgent'),
      findChannelNow(owner, 'routine'),
    ]);
    return [urgent, routine];
  });
  if (choices.status === 'loading') return <span role="status">Checking</span>;
  if (choices.status === 'failed') {
    return (
      <button
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
        type="button"
        onClick={reload}
      >
        Could not check: try again
      </button>
    );
  }
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {choices.data.map((choice) => (
        <li className="nhsuk-u-margin-bottom-1" key={choice.urgency}>
          <strong>{urgencyLabels[choice.urgency]}:</strong>{' '}
          {choice.route ? (
            <>
              {channelKindLabels[choice.route.channel.kind].toLowerCase()}{' '}
              <ChannelValue channel={choice.route.channel} />
              {choice.route.whose === 'organisation' ? ` (${choice.route.ownerName})` : null}
              {choice.route.outOfHours ? ', out-of-hours route' : null}
            </>
          ) : choice.nextStaffedAt ? (
            <>
              nothing staffed now; next staffed{' '}
              <time dateTime={choice.nextStaffedAt}>{formatDateTime(choice.nextStaffedAt)}</time>
            </>
          ) : (
            'nothing staffed now'
          )}
        </li>
      ))}
    </ul>
  );
}
