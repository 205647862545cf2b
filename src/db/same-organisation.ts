import type { JoinBuilder, StringReference } from 'kysely';

/** The aliases, among the tables of a query, of tables that keep an `org_id`. */
type OrganisationTable<DB, TB extends keyof DB> = {
  [Alias in TB & string]: DB[Alias] extends { org_id: unknown } ? Alias : never;
}[TB & string];

/** A column named with its table's alias (`'partner.id'`), of a table that keeps an `org_id`. */
type OrganisationColumn<DB, TB extends keyof DB> = Extract<
  StringReference<DB, TB>,
  `${OrganisationTable<DB, TB>}.${string}`
>;

/**
 * The join condition of every key between two of an organisation's tables: the keys match and so
 * do both rows' `org_id`, so a row is never joined to another organisation's row, whatever the key
 * holds. `sameOrganisation(join, 'partner.id', 'message.partner_organisation_id')` is
 * `on partner.org_id = message.org_id and partner.id = message.partner_organisation_id`.
 */
export function sameOrganisation<DB, TB extends keyof DB>(
  join: JoinBuilder<DB, TB>,
  column: OrganisationColumn<DB, TB>,
  matching: OrganisationColumn<DB, TB>,
): JoinBuilder<DB, TB> {
  return join.onRef(orgIdBeside(column), '=', orgIdBeside(matching)).onRef(column, '=', matching);
}

/** `'partner.org_id'` for `'partner.id'`: the organisation column of the same table. */
function orgIdBeside<DB, TB extends keyof DB>(
  column: OrganisationColumn<DB, TB>,
): OrganisationColumn<DB, TB> {
  const alias = column.slice(0, column.indexOf('.'));
  return `${alias}.org_id` as OrganisationColumn<DB, TB>;
}
