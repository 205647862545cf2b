import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { cancelHeldShare, type HeldShare, listHeldShares } from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { readText, TextArea } from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { type NoticeState, useNotice } from '../ui/notice.ts';
import { Pagination, pageFrom } from '../ui/Pagination.tsx';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loading } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { listCategories, purposeLabels } from './sharing-labels.ts';
import { sharingPath } from './sharing-parts.tsx';

const pageSize = 50;

function recipientOf(share: HeldShare): string {
  return share.partnerContactName
    ? `${share.partnerContactName}, ${share.partnerOrganisationName}`
    : share.partnerOrganisationName;
}

/** Shares that were waiting to be sent when the consent or authorisation they rested on ended. */
export function HeldSharesPage() {
  const [searchParams] = useSearchParams();
  const [notice] = useNotice();
  const page = pageFrom(searchParams);
  const [held, reload] = useResource(`held shares ${page}`, () =>
    listHeldShares({ limit: pageSize, offset: (page - 1) * pageSize }),
  );
  usePageTitle('Held shares');

  return (
    <>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Held shares</h1>
      <p>
        Information waiting to be sent is held when the consent or safeguarding authorisation it relied on is
        withdrawn or revoked. Nothing held is sent. Check each one, and cancel it if it should not go.
      </p>
      {held.status === 'loading' ? <Loading /> : null}
      {held.status === 'failed' ? <LoadProblem error={held.error} onTryAgain={reload} /> : null}
      {held.status === 'loaded' ? (
        <>
          {held.data.items.length === 0 ? (
            <p>No shares are held.</p>
          ) : (
            <Table
              caption="Held shares, oldest first"
              headings={['Person', 'To', 'For', 'Information', 'Why it is held', 'Action']}
            >
              {held.data.items.map((share) => (
                <Row key={share.shareId}>
                  <Cell heading="Person">
                    <Link to={sharingPath(share.personId)}>{share.personName}</Link>
                  </Cell>
                  <Cell heading="To">{recipientOf(share)}</Cell>
                  <Cell heading="For">{purposeLabels[share.purpose]}</Cell>
                  <Cell heading="Information">{listCategories(share.categories)}</Cell>
                  <Cell heading="Why it is held">
                    {share.heldReason ?? 'Not recorded'}
                    {share.heldAt ? (
                      <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                        Held {formatDateTime(share.heldAt)}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell heading="Action">
                    <Link to={`/held-shares/${share.shareId}/cancel`}>
                      Cancel
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        the share about {share.personName} to {recipientOf(share)}
                      </span>
                    </Link>
                  </Cell>
                </Row>
              ))}
            </Table>
          )}
          <Pagination
            page={page}
            hasNextPage={held.data.items.length === pageSize}
            searchParams={searchParams}
          />
        </>
      ) : null}
    </>
  );
}

const cancelFields = { note: 'note' };

export function CancelHeldSharePage() {
  const { shareId = '' } = useParams();
  // There is no look-up of one held share: it is found among the held shares.
  const [held, reload] = useResource(`held share ${shareId}`, async () => {
    for (let offset = 0; offset < 5_000; offset += 100) {
      const page = await listHeldShares({ limit: 100, offset });
      const found = page.items.find((share) => share.shareId === shareId);
      if (found || page.items.length < 100) return found ?? null;
    }
    return null;
  });
  if (held.status === 'loading') return <Loading />;
  if (held.status === 'failed') return <LoadProblem error={held.error} onTryAgain={reload} />;
  if (!held.data) {
    return (
      <>
        <BackLink to="/held-shares">Back to held shares</BackLink>
        <h1>Held share not found</h1>
        <p>It may have been cancelled already.</p>
      </>
    );
  }
  return <CancelHeldShareForm share={held.data} />;
}

function CancelHeldShareForm({ share }: { share: HeldShare }) {
  const navigate = useNavigate();
  const title = `Cancel the share about ${share.personName}`;

  const form = useFormSubmit(cancelFields, async (values) => {
    const note = readText(values, 'note');
    if (!note) {
      return [{ field: 'note', message: 'Say why it should not be sent' }];
    }
    await cancelHeldShare(share.shareId, note);
    const state: NoticeState = {
      notice: `The share about ${share.personName} to ${recipientOf(share)} has been cancelled. It will not be sent.`,
    };
    navigate('/held-shares', { state });
  });
  return (
    <FormPage back={<BackLink to="/held-shares">Back to held shares</BackLink>} title={title} form={form}>
      <SummaryList
        rows={[
          { key: 'To', value: recipientOf(share) },
          { key: 'For', value: purposeLabels[share.purpose] },
          { key: 'Information', value: listCategories(share.categories) },
          { key: 'Why it is held', value: share.heldReason ?? 'Not recorded' },
        ]}
      />
      <p>A cancelled share is never sent. It stays in {share.personName}’s share log.</p>
      <Form form={form}>
        <TextArea
          name="note"
          label="Why should it not be sent?"
          hint="Like: consent was withdrawn, and the information is no longer needed."
          rows={3}
        />
        <SubmitButton variant="warning">Cancel the share</SubmitButton>
      </Form>
    </FormPage>
  );
}
