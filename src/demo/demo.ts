import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { registerCapabilities } from '../capabilities.ts';
import type { Clock } from '../clock.ts';
import { type Config, loadConfig } from '../config.ts';
import { systemContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { createOrganisation, findOrganisationByName } from '../organisations/organisations.service.ts';
import { insertUserRecord } from '../users/users.service.ts';
import type { StaffRole } from '../users/users.table.ts';
import { loadDemoActivity } from './demo-activity.ts';
import { loadDemoRegister } from './demo-register.ts';

export const DEMO_ORGANISATION_NAME = 'Riverside Community Care (demo)';

const demoStaff: { role: StaffRole; displayName: string; email: string }[] = [
  { role: 'care_worker', displayName: 'Sam Care Worker', email: 'care.worker@demo.liaison.test' },
  { role: 'manager', displayName: 'Morgan Manager', email: 'manager@demo.liaison.test' },
  {
    role: 'registered_manager',
    displayName: 'Rowan Registered Manager',
    email: 'registered.manager@demo.liaison.test',
  },
  { role: 'auditor', displayName: 'Alex Auditor', email: 'auditor@demo.liaison.test' },
  { role: 'admin', displayName: 'Ash Administrator', email: 'admin@demo.liaison.test' },
];

export type MessagingConfig = Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'>;

export type DemoSignIn = { role: StaffRole; email: string; password: string };

/**
 * Loads the demo organisation and one staff member of each role, each with a freshly generated
 * password (there are no default passwords), then its partner register, the people it supports,
 * and its recent partner messages and incidents. Does nothing if the demo organisation exists.
 * `config` says where the links in the demo's partner emails point and which key seals them while
 * they wait for a mail server (the server's own settings, so it can send them later).
 */
export async function loadDemo(
  db: Db,
  options: { clock: Clock; password?: (role: StaffRole) => string; config?: MessagingConfig },
): Promise<{ created: boolean; orgId: string; signIns: DemoSignIn[] }> {
  // The demo sends its messages through the same services as the app, before the app is built.
  registerCapabilities();
  const existing = await findOrganisationByName(db, DEMO_ORGANISATION_NAME);
  if (existing) return { created: false, orgId: existing.id, signIns: [] };

  const passwordFor = options.password ?? (() => `demo-${randomBytes(9).toString('base64url')}`);
  const signIns = demoStaff.map((staff) => ({
    role: staff.role,
    email: staff.email,
    password: passwordFor(staff.role),
  }));
  const hashes = await Promise.all(signIns.map((signIn) => hashPassword(signIn.password)));

  const { orgId, staffIds } = await db.transaction().execute(async (trx) => {
    const organisation = await createOrganisation(
      trx,
      {
        name: DEMO_ORGANISATION_NAME,
        registrationNumber: '1-000000001',
        registeredManagerName: 'Rowan Registered Manager',
        address: '1 Riverside Walk, Exampleton, EX1 1AA',
      },
      options.clock,
      'demo',
    );
    const context = systemContext(organisation.id, 'demo');
    const ids: Partial<Record<StaffRole, string>> = {};
    for (const [index, staff] of demoStaff.entries()) {
      const user = await insertUserRecord(trx, {
        orgId: organisation.id,
        email: staff.email,
        displayName: staff.displayName,
        role: staff.role,
        passwordHash: hashes[index]!,
        at: options.clock.now(),
      });
      await recordAudit(trx, context, options.clock.now(), {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        changedFields: ['email', 'display_name', 'role', 'password_hash'],
        details: { role: user.role },
      });
      ids[staff.role] = user.id;
    }
    return { orgId: organisation.id, staffIds: ids as Record<StaffRole, string> };
  });
  // After the commit: the register goes in through the feature services, which each own their
  // transaction (and PGlite has one connection, so they cannot run inside this one).
  const register = await loadDemoRegister(db, { orgId, staff: staffIds, clock: options.clock });
  await loadDemoActivity(db, {
    orgId,
    staff: staffIds,
    register,
    clock: options.clock,
    config:
      options.config ?? loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(os.tmpdir(), 'liaison-demo') }),
  });
  return { created: true, orgId, signIns };
}

export function formatSignIns(signIns: DemoSignIn[]): string {
  const width = Math.max(...signIns.map((signIn) => signIn.email.length));
  return signIns
    .map((signIn) => `  ${signIn.role.padEnd(19)} ${signIn.email.padEnd(width)}  ${signIn.password}`)
    .concat(
      '  The manager, registered manager and admin set up an authenticator app (a code on their phone)',
      '  the first time they sign in: see docs/sign-in.md.',
    )
    .join('\n');
}
