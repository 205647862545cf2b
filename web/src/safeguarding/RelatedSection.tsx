import { useState } from 'react';
import { Link } from 'react-router';
import {
  type ExportOccasion,
  exportConcernChronology,
  getConcernPatterns,
  listRelatedConcerns,
  type PartnerOrganisation,
  type PatternConcern,
} from '../api.ts';
import { listAllPartnerOrganisations } from '../partners/PartnersPage.tsx';
import { saveDownloadedFile } from '../ui/DownloadLink.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { type GateRefusal, gateRefusalFrom, summaryOnly } from '../ui/form-errors.ts';
import { codeChoices, Radios, readText, SelectField } from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { BackLink, Loaded } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import {
  ConcernFormSection,
  ConcernStatusTag,
  concernPath,
  count,
  LevelTag,
  useConcern,
} from './concern-parts.tsx';
import { GateRefusalCallout } from './partner-choice.tsx';
import { categoryLabels } from './safeguarding-labels.ts';

const relatedByWords = {
  same_person: 'About the same person',
  same_source: 'The same alleged source',
  same_location: 'The same place',
} as const;

/** Other concerns about the same adult, the same alleged source or the same place. */
export function RelatedSection() {
  const { concern } = useConcern();
  const [related, reload] = useResource(`related concerns ${concern.id}`, () =>
    listRelatedConcerns(concern.id),
  );
  usePageTitle(`Related concerns: concern about ${concern.personName}`);
  return (
    <>
      <h2>Related concerns</h2>
      <p>
        Other concerns about {concern.personName}, about the same alleged source (another person we support,
        or the same description), or at the same place. Several low-level concerns together may be a pattern.
      </p>
      <Loaded resource={related} reload={reload} loading="Loading related concerns">
        {({ items }) =>
          items.length === 0 ? (
            <p>No other concern is related to this one.</p>
          ) : (
            <Table
              caption={count(items.length, 'related concern')}
              headings={['Concern', 'Raised', 'Level', 'Related by']}
            >
              {items.map((other) => (
                <Row key={other.id}>
                  <Cell heading="Concern">
                    <Link to={concernPath(other.id)}>{other.personName}</Link>
                    <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                      {categoryLabels[other.category]}
                    </span>
                    <ConcernStatusTag status={other.status} />
                  </Cell>
                  <Cell heading="Raised">{formatDate(other.raisedAt)}</Cell>
                  <Cell heading="Level">
                    <LevelTag level={other.level} />
                  </Cell>
                  <Cell heading="Related by">
                    {other.relatedBy.map((why) => relatedByWords[why]).join('; ')}
                  </Cell>
                </Row>
              ))}
            </Table>
          )
        }
      </Loaded>
    </>
  );
}

// ---- patterns ----

function PatternConcerns({ concerns }: { concerns: readonly PatternConcern[] }) {
  return (
    <ul className="nhsuk-list nhsuk-list--bullet">
      {concerns.map((each) => (
        <li key={each.id}>
          <Link to={concernPath(each.id)}>
            {categoryLabels[each.category]}, raised {formatDate(each.raisedAt)}
          </Link>{' '}
          <LevelTag level={each.level} /> <ConcernStatusTag status={each.status} />
        </li>
      ))}
    </ul>
  );
}

/** Low-level and not-referred concerns that recur about one person, or from one alleged source, this year. */
export function PatternsPage() {
  usePageTitle('Patterns of low-level concerns');
  const [patterns, reload] = useResource('concern patterns', () => getConcernPatterns());
  return (
    <>
      <BackLink to="/safeguarding">Back to safeguarding concerns</BackLink>
      <h1>Patterns of low-level concerns</h1>
      <p>
        Concerns that are low level or were not referred can add up. These are the people, and the alleged
        sources, with two or more of them raised in the last 12 months. Consider whether together they meet
        the threshold.
      </p>
      <Loaded resource={patterns} reload={reload} loading="Looking for patterns">
        {({ byPerson, bySource }) => (
          <>
            <h2>About one person</h2>
            {byPerson.length === 0 ? (
              <p>No one has two or more low-level or not-referred concerns.</p>
            ) : (
              byPerson.map((group) => (
                <div key={group.personId} className="nhsuk-card">
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading nhsuk-heading-s">
                      <Link to={`/people/${group.personId}`}>{group.personName}</Link>:{' '}
                      {count(group.concerns.length, 'concern')}
                    </h3>
                    <PatternConcerns concerns={group.concerns} />
                  </div>
                </div>
              ))
            )}
            <h2>From one alleged source</h2>
            {bySource.length === 0 ? (
              <p>No alleged source is named in two or more low-level or not-referred concerns.</p>
            ) : (
              bySource.map((group) => (
                <div key={group.source} className="nhsuk-card">
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading nhsuk-heading-s">
                      {group.source}: {count(group.concerns.length, 'concern')}
                    </h3>
                    <PatternConcerns concerns={group.concerns} />
                  </div>
                </div>
              ))
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

// ---- the export for a meeting ----

const exportFields = {
  occasion: 'occasion',
  format: 'format',
  recipient: 'recipient',
  partnerOrganisationId: 'partnerOrganisationId',
};

const occasionLabels = {
  multi_agency_meeting: 'A multi-agency meeting',
  safeguarding_adults_review: 'A Safeguarding Adults Review',
} as const satisfies Record<ExportOccasion, string>;

export function ExportSection() {
  const { concern } = useConcern();
  const [organisations, reload] = useResource(
    'partner organisations for an export',
    listAllPartnerOrganisations,
  );
  return (
    <Loaded resource={organisations} reload={reload} loading="Loading the partner register">
      {(loaded) => <ExportForm concernId={concern.id} organisations={loaded} />}
    </Loaded>
  );
}

function ExportForm({
  concernId,
  organisations,
}: {
  concernId: string;
  organisations: PartnerOrganisation[];
}) {
  const { concern } = useConcern();
  const [refusal, setRefusal] = useState<GateRefusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useFormSubmit(
    exportFields,
    async (values) => {
      setRefusal(null);
      setDone(null);
      const occasion = readText(values, 'occasion') as ExportOccasion | null;
      const format = readText(values, 'format') as 'html' | 'pdf' | null;
      const recipient = readText(values, 'recipient');
      const organisationId = recipient === 'agency' ? readText(values, 'partnerOrganisationId') : null;
      const problems = [
        ...(occasion ? [] : [{ field: 'occasion', message: 'Choose what it is for' }]),
        ...(format ? [] : [{ field: 'format', message: 'Choose a web page or a PDF' }]),
        ...(recipient ? [] : [{ field: 'recipient', message: 'Choose who it is for' }]),
        ...(recipient === 'agency' && !organisationId
          ? [{ field: 'partnerOrganisationId', message: 'Choose the agency it is for' }]
          : []),
      ];
      if (problems.length > 0 || !occasion || !format) return problems;
      const file = await exportConcernChronology(concernId, {
        format,
        occasion,
        recipient: organisationId ? { partnerOrganisationId: organisationId } : null,
      });
      saveDownloadedFile(file.blob, file.fileName);
      const agency = organisations.find((each) => each.id === organisationId)?.name;
      setDone(
        agency
          ? `Downloaded. The sharing gate allowed it for ${agency}, and the share is in the person’s share log.`
          : 'Downloaded, for staff only. The export is recorded in the audit trail.',
      );
    },
    {
      explainFailure(error) {
        const refused = gateRefusalFrom(error);
        setRefusal(refused);
        return refused
          ? summaryOnly('Not exported: the sharing gate refused it', '#gate-refusal')
          : undefined;
      },
    },
  );
  return (
    <ConcernFormSection summary={concern} title="Export the chronology for a meeting" form={form}>
      <p>
        Every entry, oldest first, with its agency and time, in fixed columns another agency can merge with
        its own, and any stretch of more than 7 days without contact with a partner agency. You may be asked
        for your password again first.
      </p>
      {refusal ? <GateRefusalCallout refusal={refusal} what="the chronology" /> : null}
      {done ? (
        <p className="nhsuk-body" role="status">
          {done}
        </p>
      ) : null}
      <Form form={form}>
        <Radios
          name="occasion"
          legend="What is it for?"
          items={codeChoices(Object.keys(occasionLabels) as ExportOccasion[], occasionLabels)}
          defaultValues={['multi_agency_meeting']}
        />
        <Radios
          name="format"
          legend="As what?"
          items={[
            { value: 'pdf', label: 'A PDF', hint: 'To print or attach.' },
            { value: 'html', label: 'A web page', hint: 'To copy into another agency’s chronology.' },
          ]}
          defaultValues={['pdf']}
        />
        <Radios
          name="recipient"
          legend="Who is it for?"
          items={[
            { value: 'staff', label: 'Our own staff only' },
            {
              value: 'agency',
              label: 'Another agency',
              hint: 'A share: the sharing gate is asked first, and it goes in the person’s share log.',
            },
          ]}
          conditional={{
            agency: (
              <SelectField
                name="partnerOrganisationId"
                label="Which agency?"
                options={[
                  { value: '', label: 'Choose an organisation' },
                  ...organisations.map((organisation) => ({
                    value: organisation.id,
                    label: organisation.name,
                  })),
                ]}
              />
            ),
          }}
        />
        <SubmitButton>Download the chronology</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}
