import { inLondon } from '../calendar/london-time.ts';
import type { Weekday, WeeklyHours } from '../calendar/working-hours.ts';
import { createCareService } from '../care-services/care-services.service.ts';
import type { Clock } from '../clock.ts';
import { createConsentBody } from '../consent/consent.schemas.ts';
import { recordConsent } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { createCapacityAssessmentBody } from '../mental-capacity/mental-capacity.schemas.ts';
import { recordCapacityAssessment } from '../mental-capacity/mental-capacity.service.ts';
import { addChannel } from '../partners/partner-channels.service.ts';
import {
  createChannelBody,
  createPartnerContactBody,
  createPartnerOrganisationBody,
} from '../partners/partners.schemas.ts';
import {
  createPartnerContact,
  createPartnerOrganisation,
  endPartnerContact,
} from '../partners/partners.service.ts';
import type { ChannelKind, ChannelUrgency, PartnerType } from '../partners/partners.table.ts';
import { addCircleMember } from '../people/circle-of-support.service.ts';
import { isValidNhsNumber } from '../people/nhs-number.ts';
import { addCircleMemberBody, createPersonBody, createRepresentativeBody } from '../people/people.schemas.ts';
import { addRepresentative, createPerson } from '../people/people.service.ts';
import type {
  ClinicalFlag,
  DeputyDecisionArea,
  PersonStatus,
  RepresentativeKind,
} from '../people/people.table.ts';
import type { StaffRole } from '../users/users.table.ts';

// The demo organisation's partner register and the people it supports. Everything here is
// fiction: the names are invented, phone numbers are in Ofcom's ranges for drama (01632 960xxx,
// 0113 496 0xxx, 0121 496 0xxx, 0151 496 0xxx, 07700 900xxx, 08081 570xxx, 03069 990xxx), email
// domains end in .example, ODS codes are made up in the real codes' formats (Z90001, FZ901, RZ9),
// and NHS numbers are in the 999 range used for test data (with a valid check digit). NHS 111 is
// the one real number, as the out-of-hours route any GP practice gives.

type ChannelSeed = {
  kind: ChannelKind;
  value: string;
  label?: string;
  urgencies: ChannelUrgency[];
  hours: WeeklyHours;
  staffedOnBankHolidays?: boolean;
};

type ContactSeed = {
  key: string;
  name: string;
  jobTitle: string;
  type: PartnerType;
  email?: string;
  phone?: string;
  /** Days before the load that the details were last confirmed (over 180 is stale by default). */
  verifiedDaysAgo: number;
  verifiedBy: 'manager' | 'registered_manager';
  channels?: ChannelSeed[];
};

type OrganisationSeed = {
  name: string;
  type: PartnerType;
  odsCode?: string;
  address?: string;
  notes?: string;
  channels: ChannelSeed[];
  contacts: ContactSeed[];
};

type SetHours = Partial<Record<Weekday, string[]>>;
const weekdaysOnly = (...spans: string[]): SetHours => ({
  monday: spans,
  tuesday: spans,
  wednesday: spans,
  thursday: spans,
  friday: spans,
});
const everyDay = (...spans: string[]): SetHours => ({
  ...weekdaysOnly(...spans),
  saturday: spans,
  sunday: spans,
});
const nhs111: ChannelSeed = {
  kind: 'out_of_hours_line',
  value: '111',
  label: 'NHS 111 (evenings, nights, weekends and bank holidays)',
  urgencies: ['out_of_hours'],
  hours: '24/7',
};
const emergencyDutyTeam: ChannelSeed = {
  kind: 'out_of_hours_line',
  value: '0113 496 0499',
  label: 'Emergency Duty Team',
  urgencies: ['out_of_hours'],
  hours: '24/7',
};

const organisations: OrganisationSeed[] = [
  {
    name: 'Riverside Medical Practice',
    type: 'gp',
    odsCode: 'Z90001',
    address: '14 Mill Lane, Exampleton, EX1 2RM',
    notes:
      'Use the professionals’ line, not the patient line. Prescription requests by email, two working days.',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0100',
        label: 'Professionals’ line',
        urgencies: ['urgent'],
        hours: weekdaysOnly('08:00-18:30'),
      },
      {
        kind: 'email',
        value: 'riverside.practice@nhs.example',
        label: 'Practice inbox',
        urgencies: ['routine'],
        hours: weekdaysOnly('08:00-18:30'),
      },
      nhs111,
    ],
    contacts: [
      {
        key: 'marchbank',
        name: 'Dr Helena Marchbank',
        jobTitle: 'GP Partner',
        type: 'gp',
        email: 'helena.marchbank@nhs.example',
        verifiedDaysAgo: 41,
        verifiedBy: 'manager',
      },
      {
        key: 'ashgrove',
        name: 'Colin Ashgrove',
        jobTitle: 'Practice Manager',
        type: 'other',
        email: 'colin.ashgrove@nhs.example',
        phone: '0113 496 0105',
        verifiedDaysAgo: 41,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Brookmere Health Centre',
    type: 'gp',
    odsCode: 'Z90002',
    address: 'Brookmere Road, Exampleton, EX3 4BH',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0120',
        label: 'Duty doctor line',
        urgencies: ['urgent'],
        hours: weekdaysOnly('08:00-18:00'),
      },
      {
        kind: 'email',
        value: 'brookmere.hc@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('08:00-18:00'),
      },
      nhs111,
    ],
    contacts: [
      {
        key: 'okonjo-pell',
        name: 'Dr Amara Okonjo-Pell',
        jobTitle: 'GP',
        type: 'gp',
        email: 'amara.okonjo-pell@nhs.example',
        verifiedDaysAgo: 12,
        verifiedBy: 'registered_manager',
      },
      {
        key: 'tallow',
        name: 'Dr Fergus Tallow',
        jobTitle: 'GP Partner',
        type: 'gp',
        verifiedDaysAgo: 240,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Oakfield Lane Surgery',
    type: 'gp',
    odsCode: 'Z90003',
    address: '2 Oakfield Lane, Exampleton, EX5 1OL',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0140',
        label: 'Reception (ask for the bypass line)',
        urgencies: ['urgent', 'routine'],
        hours: { ...weekdaysOnly('08:00-18:30'), saturday: ['09:00-12:00'] },
      },
      nhs111,
    ],
    contacts: [
      {
        key: 'wrenfield',
        name: 'Dr Tomasz Wrenfield',
        jobTitle: 'GP',
        type: 'gp',
        email: 'tomasz.wrenfield@nhs.example',
        verifiedDaysAgo: 95,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton District Nursing Team (North)',
    type: 'district_nurse',
    address: 'Exampleton Community Health Hub, Station Road, EX1 5CH',
    notes: 'Referrals by phone before 12:00 are usually visited the same day.',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0210',
        label: 'Team base',
        urgencies: ['urgent', 'routine'],
        hours: everyDay('08:00-20:00'),
        staffedOnBankHolidays: true,
      },
      {
        kind: 'secure_email',
        value: 'dn.north@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('08:00-16:00'),
      },
      {
        kind: 'out_of_hours_line',
        value: '0113 496 0299',
        label: 'Evening and night nursing service',
        urgencies: ['out_of_hours'],
        hours: everyDay('00:00-08:00', '20:00-24:00'),
        staffedOnBankHolidays: true,
      },
    ],
    contacts: [
      {
        key: 'penhallow',
        name: 'Grace Penhallow',
        jobTitle: 'District Nursing Sister, Team Leader',
        type: 'district_nurse',
        email: 'grace.penhallow@nhs.example',
        verifiedDaysAgo: 30,
        verifiedBy: 'manager',
        channels: [
          {
            kind: 'phone',
            value: '07700 900215',
            label: 'Team leader’s mobile',
            urgencies: ['urgent'],
            hours: weekdaysOnly('08:00-16:00'),
          },
        ],
      },
      {
        key: 'fairbrother',
        name: 'Owen Fairbrother',
        jobTitle: 'Community Staff Nurse',
        type: 'district_nurse',
        verifiedDaysAgo: 150,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton Community Mental Health Team',
    type: 'community_nurse',
    address: 'The Willows, 8 Hospital Lane, Exampleton, EX2 7WL',
    notes: 'NHS community mental health team (CMHT). Out of hours, the crisis team takes urgent calls.',
    channels: [
      {
        kind: 'duty_line',
        value: '0113 496 0300',
        label: 'Duty worker',
        urgencies: ['urgent'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'secure_email',
        value: 'cmht.exampleton@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'out_of_hours_line',
        value: '0113 496 0399',
        label: 'Crisis and home treatment team',
        urgencies: ['out_of_hours'],
        hours: '24/7',
      },
    ],
    contacts: [
      {
        key: 'quarrie',
        name: 'Bethan Quarrie',
        jobTitle: 'Community Psychiatric Nurse, care coordinator',
        type: 'community_nurse',
        email: 'bethan.quarrie@nhs.example',
        verifiedDaysAgo: 22,
        verifiedBy: 'manager',
        channels: [
          {
            kind: 'phone',
            value: '07700 900318',
            label: 'Work mobile (not Fridays)',
            urgencies: ['urgent', 'routine'],
            hours: {
              monday: ['09:00-17:00'],
              tuesday: ['09:00-17:00'],
              wednesday: ['09:00-17:00'],
              thursday: ['09:00-17:00'],
            },
          },
        ],
      },
      {
        key: 'vellacott',
        name: 'Dr Rohan Vellacott',
        jobTitle: 'Consultant Psychiatrist',
        type: 'psychiatrist',
        verifiedDaysAgo: 120,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Exampleton City Council Adult Social Care',
    type: 'social_worker',
    address: 'Civic Centre, Market Square, Exampleton, EX1 1CC',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0400',
        label: 'Adult social care front door',
        urgencies: ['urgent', 'routine'],
        hours: {
          monday: ['08:30-17:00'],
          tuesday: ['08:30-17:00'],
          wednesday: ['08:30-17:00'],
          thursday: ['08:30-17:00'],
          friday: ['08:30-16:30'],
        },
      },
      {
        kind: 'email',
        value: 'adult.socialcare@exampleton-council.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('08:30-17:00'),
      },
      emergencyDutyTeam,
    ],
    contacts: [
      {
        key: 'delacourt-hine',
        name: 'Marcus Delacourt-Hine',
        jobTitle: 'Social Worker, Older People’s Team',
        type: 'social_worker',
        email: 'marcus.delacourt-hine@exampleton-council.example',
        verifiedDaysAgo: 18,
        verifiedBy: 'manager',
        channels: [
          {
            kind: 'phone',
            value: '07700 900412',
            label: 'Work mobile',
            urgencies: ['urgent', 'routine'],
            hours: weekdaysOnly('09:00-17:00'),
          },
        ],
      },
      {
        key: 'brackley',
        name: 'Ifeoma Brackley',
        jobTitle: 'Senior Practitioner, Learning Disability Team',
        type: 'social_worker',
        email: 'ifeoma.brackley@exampleton-council.example',
        phone: '0113 496 0431',
        verifiedDaysAgo: 64,
        verifiedBy: 'registered_manager',
      },
      {
        key: 'ormsby',
        name: 'Judith Ormsby',
        jobTitle: 'Team Manager, Mental Health Social Work',
        type: 'social_worker',
        phone: '0113 496 0442',
        verifiedDaysAgo: 410,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Exampleton Safeguarding Adults Hub (MASH)',
    type: 'safeguarding_team',
    address: 'Civic Centre, Market Square, Exampleton, EX1 1CC',
    notes:
      'Multi-agency safeguarding hub. If someone is in immediate danger, call 999 first. Out of hours, the Emergency Duty Team takes safeguarding concerns.',
    channels: [
      {
        kind: 'duty_line',
        value: '0113 496 0500',
        label: 'MASH duty desk',
        urgencies: ['urgent'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'secure_email',
        value: 'mash@exampleton-council.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'portal',
        value: 'https://safeguarding.exampleton-council.example/refer',
        label: 'Online safeguarding referral',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      emergencyDutyTeam,
    ],
    contacts: [
      {
        key: 'kingsmere',
        name: 'Ruth Kingsmere',
        jobTitle: 'Safeguarding Adults Lead',
        type: 'safeguarding_team',
        email: 'ruth.kingsmere@exampleton-council.example',
        verifiedDaysAgo: 9,
        verifiedBy: 'registered_manager',
        channels: [
          {
            kind: 'phone',
            value: '0113 496 0511',
            label: 'Direct line',
            urgencies: ['urgent'],
            hours: weekdaysOnly('09:00-17:00'),
          },
        ],
      },
      {
        key: 'osei-lunt',
        name: 'Daniel Osei-Lunt',
        jobTitle: 'MASH Social Worker',
        type: 'safeguarding_team',
        email: 'daniel.osei-lunt@exampleton-council.example',
        verifiedDaysAgo: 75,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Millbrook Housing Association',
    type: 'housing',
    address: 'Millbrook House, 40 Canal Street, Exampleton, EX4 3MH',
    channels: [
      {
        kind: 'phone',
        value: '0121 496 0600',
        label: 'Tenancy services',
        urgencies: ['urgent', 'routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'email',
        value: 'tenancy@millbrook-housing.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'out_of_hours_line',
        value: '08081 570101',
        label: 'Emergency repairs',
        urgencies: ['out_of_hours'],
        hours: '24/7',
      },
    ],
    contacts: [
      {
        key: 'trevelyan-cole',
        name: 'Sian Trevelyan-Cole',
        jobTitle: 'Supported Housing Officer',
        type: 'housing',
        email: 'sian.trevelyan-cole@millbrook-housing.example',
        phone: '0121 496 0617',
        verifiedDaysAgo: 262,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Voices Together Advocacy',
    type: 'advocate',
    address: 'Unit 3, The Old Library, Exampleton, EX2 9VT',
    notes: 'Independent advocacy: IMCA, IMHA, Care Act and general advocacy.',
    channels: [
      {
        kind: 'phone',
        value: '0121 496 0700',
        label: 'Referrals',
        urgencies: ['urgent', 'routine'],
        hours: weekdaysOnly('09:30-16:30'),
      },
      {
        kind: 'email',
        value: 'referrals@voicestogether.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:30-16:30'),
      },
    ],
    contacts: [
      {
        key: 'fenwright',
        name: 'Nadia Fenwright',
        jobTitle: 'Independent Mental Capacity Advocate',
        type: 'advocate',
        email: 'nadia.fenwright@voicestogether.example',
        verifiedDaysAgo: 33,
        verifiedBy: 'manager',
        channels: [
          {
            kind: 'phone',
            value: '07700 900733',
            label: 'Mobile (works Tuesday to Thursday)',
            urgencies: ['routine'],
            hours: {
              tuesday: ['09:30-16:00'],
              wednesday: ['09:30-16:00'],
              thursday: ['09:30-16:00'],
            },
          },
        ],
      },
      {
        key: 'loveday',
        name: 'Patrick Loveday',
        jobTitle: 'Advocate',
        type: 'advocate',
        email: 'patrick.loveday@voicestogether.example',
        verifiedDaysAgo: 101,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton Police, Adult Vulnerability Unit',
    type: 'police',
    notes: 'In an emergency, call 999. The control room takes non-emergency reports at any time.',
    channels: [
      {
        kind: 'phone',
        value: '0151 496 0900',
        label: 'Vulnerability desk',
        urgencies: ['routine'],
        hours: weekdaysOnly('08:00-18:00'),
      },
      {
        kind: 'phone',
        value: '0151 496 0999',
        label: 'Control room (non-emergency)',
        urgencies: ['urgent', 'out_of_hours'],
        hours: '24/7',
      },
    ],
    contacts: [
      {
        key: 'harrowgate',
        name: 'PC Lewis Harrowgate',
        jobTitle: 'Adult Safeguarding Officer',
        type: 'police',
        email: 'lewis.harrowgate@police.example',
        verifiedDaysAgo: 58,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Exampleton Integrated Care Board, Continuing Healthcare',
    type: 'commissioner',
    odsCode: 'Z9C',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0950',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'secure_email',
        value: 'chc.exampleton@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
    ],
    contacts: [
      {
        key: 'cartwright-boyd',
        name: 'Helen Cartwright-Boyd',
        jobTitle: 'Commissioning Manager',
        type: 'commissioner',
        email: 'helen.cartwright-boyd@nhs.example',
        verifiedDaysAgo: 300,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Exampleton City Council Commissioning and Contracts',
    type: 'commissioner',
    channels: [
      {
        kind: 'email',
        value: 'contracts@exampleton-council.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
    ],
    contacts: [
      {
        key: 'rainsford',
        name: 'Ahmed Rainsford',
        jobTitle: 'Contracts Officer',
        type: 'commissioner',
        email: 'ahmed.rainsford@exampleton-council.example',
        phone: '0113 496 0961',
        verifiedDaysAgo: 80,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Care Quality Commission',
    type: 'regulator',
    notes: 'Statutory notifications go through the provider portal.',
    channels: [
      {
        kind: 'phone',
        value: '03069 990100',
        label: 'National contact centre',
        urgencies: ['urgent', 'routine'],
        hours: weekdaysOnly('08:30-17:30'),
      },
      {
        kind: 'portal',
        value: 'https://provider-portal.cqc.example',
        label: 'Provider portal (notifications)',
        urgencies: ['routine'],
        hours: weekdaysOnly('08:30-17:30'),
      },
    ],
    contacts: [
      {
        key: 'pettigrew',
        name: 'Lorna Pettigrew',
        jobTitle: 'Inspector, Adult Social Care',
        type: 'regulator',
        email: 'lorna.pettigrew@cqc.example',
        verifiedDaysAgo: 220,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Riverside Pharmacy',
    type: 'other',
    odsCode: 'FZ901',
    address: '16 Mill Lane, Exampleton, EX1 2RP',
    notes: 'Community pharmacy. Supplies the monitored dosage system for Riverside House.',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0170',
        urgencies: ['urgent', 'routine'],
        hours: { ...weekdaysOnly('09:00-18:30'), saturday: ['09:00-13:00'] },
      },
    ],
    contacts: [
      {
        key: 'stellwood',
        name: 'Imran Stellwood',
        jobTitle: 'Pharmacist',
        type: 'other',
        email: 'riverside.pharmacy@nhs.example',
        verifiedDaysAgo: 47,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Brightwater Home Care Ltd',
    type: 'external_care_provider',
    notes: 'Provides night visits we contract for two people supported at home.',
    channels: [
      {
        kind: 'phone',
        value: '0121 496 0180',
        label: 'Office',
        urgencies: ['urgent', 'routine'],
        hours: everyDay('07:00-22:00'),
        staffedOnBankHolidays: true,
      },
      {
        kind: 'out_of_hours_line',
        value: '07700 900114',
        label: 'On-call coordinator',
        urgencies: ['out_of_hours'],
        hours: '24/7',
      },
    ],
    contacts: [
      {
        key: 'maddox-penn',
        name: 'Kerry Maddox-Penn',
        jobTitle: 'Registered Manager',
        type: 'external_care_provider',
        email: 'kerry.maddox-penn@brightwater.example',
        verifiedDaysAgo: 26,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Exampleton Good Neighbours',
    type: 'volunteer_or_community_group',
    notes: 'Volunteer befriending, shopping and lifts to appointments.',
    channels: [
      {
        kind: 'phone',
        value: '01632 960180',
        urgencies: ['routine'],
        hours: { monday: ['10:00-14:00'], wednesday: ['10:00-14:00'], friday: ['10:00-14:00'] },
      },
    ],
    contacts: [
      {
        key: 'quill',
        name: 'Barbara Quill',
        jobTitle: 'Volunteer Coordinator',
        type: 'volunteer_or_community_group',
        email: 'barbara.quill@goodneighbours.example',
        verifiedDaysAgo: 610,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton Adult Speech and Language Therapy',
    type: 'speech_and_language_therapist',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0220',
        urgencies: ['urgent', 'routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'secure_email',
        value: 'adult.slt@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
    ],
    contacts: [
      {
        key: 'ferrand',
        name: 'Chloe Ferrand',
        jobTitle: 'Speech and Language Therapist (dysphagia)',
        type: 'speech_and_language_therapist',
        email: 'chloe.ferrand@nhs.example',
        verifiedDaysAgo: 55,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton Community Dietetics',
    type: 'dietician',
    channels: [
      {
        kind: 'secure_email',
        value: 'community.dietetics@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-16:00'),
      },
    ],
    contacts: [
      {
        key: 'abernant',
        name: 'Rhys Abernant',
        jobTitle: 'Community Dietitian',
        type: 'dietician',
        email: 'rhys.abernant@nhs.example',
        verifiedDaysAgo: 140,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton Community Therapy Team',
    type: 'occupational_therapist',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0230',
        urgencies: ['urgent', 'routine'],
        hours: weekdaysOnly('08:30-16:30'),
      },
    ],
    contacts: [
      {
        key: 'moorcroft',
        name: 'Aisling Moorcroft',
        jobTitle: 'Occupational Therapist',
        type: 'occupational_therapist',
        email: 'aisling.moorcroft@nhs.example',
        verifiedDaysAgo: 88,
        verifiedBy: 'manager',
      },
      {
        key: 'treadwell',
        name: 'Jonah Treadwell',
        jobTitle: 'Physiotherapist',
        type: 'physiotherapist',
        email: 'jonah.treadwell@nhs.example',
        verifiedDaysAgo: 88,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton Community Dental Service',
    type: 'dentist',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0240',
        urgencies: ['urgent', 'routine'],
        hours: { tuesday: ['09:00-16:30'], wednesday: ['09:00-16:30'], thursday: ['09:00-16:30'] },
      },
    ],
    contacts: [
      {
        key: 'halberd',
        name: 'Dr Sunita Halberd',
        jobTitle: 'Special Care Dentist',
        type: 'dentist',
        verifiedDaysAgo: 350,
        verifiedBy: 'registered_manager',
      },
    ],
  },
  {
    name: 'Exampleton Diabetes Specialist Nursing',
    type: 'community_nurse',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0250',
        label: 'Advice line',
        urgencies: ['urgent', 'routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      nhs111,
    ],
    contacts: [
      {
        key: 'ellingworth',
        name: 'Martha Ellingworth',
        jobTitle: 'Diabetes Specialist Nurse',
        type: 'community_nurse',
        email: 'martha.ellingworth@nhs.example',
        verifiedDaysAgo: 190,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton General Hospital NHS Trust, Neurology',
    type: 'consultant',
    odsCode: 'RZ9',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0260',
        label: 'Epilepsy nurse advice line',
        urgencies: ['urgent', 'routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      {
        kind: 'secure_email',
        value: 'neurology.secretaries@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
      nhs111,
    ],
    contacts: [
      {
        key: 'penrose-hall',
        name: 'Dr Alistair Penrose-Hall',
        jobTitle: 'Consultant Neurologist',
        type: 'consultant',
        verifiedDaysAgo: 160,
        verifiedBy: 'registered_manager',
      },
      {
        key: 'tolland',
        name: 'Yasmin Tolland',
        jobTitle: 'Epilepsy Nurse Specialist',
        type: 'community_nurse',
        email: 'yasmin.tolland@nhs.example',
        verifiedDaysAgo: 15,
        verifiedBy: 'manager',
        channels: [
          {
            kind: 'secure_email',
            value: 'yasmin.tolland@nhs.example',
            urgencies: ['routine'],
            hours: weekdaysOnly('09:00-17:00'),
          },
        ],
      },
    ],
  },
  {
    name: 'Exampleton Community Respiratory Team',
    type: 'community_nurse',
    channels: [
      {
        kind: 'phone',
        value: '0113 496 0270',
        urgencies: ['urgent', 'routine'],
        hours: everyDay('08:00-18:00'),
      },
      nhs111,
    ],
    contacts: [
      {
        key: 'linwood',
        name: 'Gareth Linwood',
        jobTitle: 'Respiratory Nurse Specialist',
        type: 'community_nurse',
        email: 'gareth.linwood@nhs.example',
        verifiedDaysAgo: 70,
        verifiedBy: 'manager',
      },
    ],
  },
  {
    name: 'Exampleton Learning Disability Psychology Service',
    type: 'psychologist',
    channels: [
      {
        kind: 'secure_email',
        value: 'ld.psychology@nhs.example',
        urgencies: ['routine'],
        hours: weekdaysOnly('09:00-17:00'),
      },
    ],
    contacts: [
      {
        key: 'marchetti-shaw',
        name: 'Dr Eleni Marchetti-Shaw',
        jobTitle: 'Clinical Psychologist',
        type: 'psychologist',
        email: 'eleni.marchetti-shaw@nhs.example',
        verifiedDaysAgo: 130,
        verifiedBy: 'registered_manager',
      },
    ],
  },
];

const careServices = [
  { key: 'house', name: 'Riverside House', address: '1 Riverside Walk, Exampleton, EX1 1AA' },
  { key: 'living', name: 'Millbrook Supported Living', address: '22–28 Canal Street, Exampleton, EX4 3MB' },
  {
    key: 'home',
    name: 'Exampleton Home Care',
    address: 'Unit 5, Riverside Business Park, Exampleton, EX1 4RB',
  },
] as const;

/** Where each person lives: a room or flat at their service, or their own home for home care. */
const ownHomes: Record<string, { address: string; postcode: string }> = {
  Eileen: { address: '7 Orchard Close, Exampleton', postcode: 'EX2 4OC' },
  George: { address: '31 Station Road, Exampleton', postcode: 'EX1 5SR' },
  Phyllis: { address: 'Flat 2, 9 Mill Lane, Exampleton', postcode: 'EX1 2RN' },
  Raymond: { address: '54 Church Street, Exampleton', postcode: 'EX3 1CS' },
  Winifred: { address: '3 The Green, Lower Exampleton', postcode: 'EX6 2TG' },
  Trevor: { address: '112 Brookmere Road, Exampleton', postcode: 'EX3 4BJ' },
  Beatrice: { address: '18 Willow Crescent, Exampleton', postcode: 'EX2 8WC' },
  Frank: { address: '6 Canal Cottages, Canal Street, Exampleton', postcode: 'EX4 3MC' },
  Nora: { address: '42 Market Square, Exampleton', postcode: 'EX1 1CD' },
  Alan: { address: '25 Hospital Lane, Exampleton', postcode: 'EX2 7WM' },
  Joan: { address: '9 Riverside Walk, Exampleton', postcode: 'EX1 1AB' },
};

function homeOf(seed: PersonSeed, index: number): { address: string; postcode: string } {
  if (seed.service === 'house') {
    return {
      address: `Room ${index + 1}, Riverside House, 1 Riverside Walk, Exampleton`,
      postcode: 'EX1 1AA',
    };
  }
  if (seed.service === 'living')
    return { address: `Flat ${index + 1}, 22–28 Canal Street, Exampleton`, postcode: 'EX4 3MB' };
  const home = ownHomes[seed.givenName];
  if (!home) throw new Error(`The demo has no home address for ${seed.givenName}.`);
  return home;
}

type CircleSeed = { contact: string; primary?: boolean; sinceDaysAgo: number };

type RepresentativeSeed = {
  kind: RepresentativeKind;
  name: string;
  relationship?: string;
  phone?: string;
  email?: string;
  /** A representative who is also in the partner register. */
  contact?: string;
  scopeOfAuthority?: string;
  deputyDecisions?: DeputyDecisionArea[];
  reference?: string;
  registeredDaysAgo?: number;
  documentSeenDaysAgo?: number;
};

type PersonSeed = {
  givenName: string;
  familyName: string;
  preferredName?: string;
  dateOfBirth: string;
  service: (typeof careServices)[number]['key'];
  flags: ClinicalFlag[];
  flagsNote?: string;
  communicationNeeds?: string;
  status?: PersonStatus;
  circle: CircleSeed[];
  representatives?: RepresentativeSeed[];
};

const people: PersonSeed[] = [
  // ---- Riverside House (residential) ----
  {
    givenName: 'Margaret',
    familyName: 'Ashdown',
    preferredName: 'Peggy',
    dateOfBirth: '1938-04-12',
    service: 'house',
    flags: ['diabetes', 'insulin_dependent', 'mobility_risk'],
    flagsNote: 'Insulin at 08:00 and 18:00, given by the district nurses. Hypo kit in the medicine room.',
    communicationNeeds: 'Hard of hearing on her left side: sit on her right and speak clearly.',
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 900 },
      { contact: 'delacourt-hine', primary: true, sinceDaysAgo: 400 },
      { contact: 'penhallow', sinceDaysAgo: 700 },
      { contact: 'ellingworth', sinceDaysAgo: 300 },
    ],
    representatives: [
      {
        kind: 'lpa_health_and_welfare',
        name: 'Caroline Ashdown-Reeve',
        relationship: 'Daughter',
        phone: '07700 900501',
        email: 'caroline.ashdown-reeve@example.org',
        scopeOfAuthority: 'Health and welfare decisions, including life-sustaining treatment.',
        reference: 'OPG 7000-0000-0001',
        registeredDaysAgo: 1400,
        documentSeenDaysAgo: 880,
      },
    ],
  },
  {
    givenName: 'Wilfred',
    familyName: 'Pennock',
    preferredName: 'Wilf',
    dateOfBirth: '1941-09-03',
    service: 'house',
    flags: ['dementia', 'heart_condition', 'anticoagulants'],
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 600 },
      { contact: 'quarrie', primary: true, sinceDaysAgo: 250 },
      { contact: 'stellwood', sinceDaysAgo: 600 },
    ],
    representatives: [
      {
        kind: 'lpa_property_and_financial_affairs',
        name: 'Graham Pennock',
        relationship: 'Son',
        phone: '07700 900502',
        reference: 'OPG 7000-0000-0002',
        registeredDaysAgo: 2000,
        documentSeenDaysAgo: 590,
      },
      {
        kind: 'lpa_health_and_welfare',
        name: 'Graham Pennock',
        relationship: 'Son',
        phone: '07700 900502',
        reference: 'OPG 7000-0000-0003',
        registeredDaysAgo: 2000,
      },
    ],
  },
  {
    givenName: 'Edna',
    familyName: 'Thistlewood',
    dateOfBirth: '1935-01-22',
    service: 'house',
    flags: ['dysphagia', 'dementia', 'pressure_ulcer_risk'],
    flagsNote: 'Level 5 minced and moist diet, level 2 mildly thick fluids (IDDSI).',
    circle: [
      { contact: 'marchbank', primary: true, sinceDaysAgo: 1200 },
      { contact: 'ferrand', sinceDaysAgo: 200 },
      { contact: 'abernant', sinceDaysAgo: 180 },
      { contact: 'fairbrother', sinceDaysAgo: 90 },
    ],
    representatives: [
      { kind: 'next_of_kin', name: 'Janet Thistlewood-Hart', relationship: 'Niece', phone: '07700 900503' },
    ],
  },
  {
    givenName: 'Harold',
    familyName: 'Greenhalgh-Moss',
    dateOfBirth: '1944-11-30',
    service: 'house',
    flags: ['respiratory_condition', 'oxygen_dependent'],
    flagsNote: 'Home oxygen 2 litres a minute, 16 hours a day. Spare cylinders in the store by room 4.',
    circle: [
      { contact: 'okonjo-pell', sinceDaysAgo: 500 },
      { contact: 'linwood', primary: true, sinceDaysAgo: 300 },
      { contact: 'penhallow', sinceDaysAgo: 120 },
    ],
    representatives: [
      { kind: 'next_of_kin', name: 'Susan Greenhalgh', relationship: 'Wife', phone: '0113 496 0811' },
    ],
  },
  {
    givenName: 'Doris',
    familyName: 'Ambleforth',
    dateOfBirth: '1939-06-17',
    service: 'house',
    flags: ['mobility_risk', 'pressure_ulcer_risk'],
    circle: [
      { contact: 'okonjo-pell', primary: true, sinceDaysAgo: 800 },
      { contact: 'moorcroft', sinceDaysAgo: 60 },
      { contact: 'treadwell', sinceDaysAgo: 60 },
      { contact: 'fenwright', sinceDaysAgo: 40 },
    ],
    representatives: [
      {
        kind: 'imca',
        name: 'Nadia Fenwright',
        contact: 'fenwright',
        relationship: 'IMCA for the decision about moving to nursing care',
      },
    ],
  },
  {
    givenName: 'Leonard',
    familyName: 'Stobbart',
    preferredName: 'Len',
    dateOfBirth: '1947-02-08',
    service: 'house',
    flags: ['epilepsy'],
    flagsNote: 'Tonic-clonic seizures: rescue medication and protocol in his care plan.',
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 400 },
      { contact: 'tolland', primary: true, sinceDaysAgo: 380 },
      { contact: 'penrose-hall', sinceDaysAgo: 380 },
    ],
  },
  {
    givenName: 'Iris',
    familyName: 'Calloway-Finch',
    dateOfBirth: '1936-12-01',
    service: 'house',
    flags: ['heart_condition', 'anticoagulants'],
    circle: [
      { contact: 'okonjo-pell', primary: true, sinceDaysAgo: 650 },
      { contact: 'stellwood', sinceDaysAgo: 650 },
    ],
    representatives: [
      { kind: 'next_of_kin', name: 'Robert Finch', relationship: 'Son', phone: '07700 900504' },
    ],
  },
  {
    givenName: 'Bernard',
    familyName: 'Lathom',
    dateOfBirth: '1942-05-19',
    service: 'house',
    flags: ['diabetes'],
    circle: [
      // His GP retired (recorded below, after this link): the circle shows he has moved on.
      { contact: 'tallow', sinceDaysAgo: 1500 },
      { contact: 'okonjo-pell', primary: true, sinceDaysAgo: 20 },
      { contact: 'ellingworth', sinceDaysAgo: 300 },
    ],
  },
  {
    givenName: 'Mavis',
    familyName: 'Ringrose',
    dateOfBirth: '1937-08-25',
    service: 'house',
    flags: ['dementia', 'dysphagia'],
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 700 },
      { contact: 'ferrand', sinceDaysAgo: 150 },
      { contact: 'brackley', primary: true, sinceDaysAgo: 500 },
    ],
    representatives: [
      {
        kind: 'court_appointed_deputy',
        name: 'Harriet Cobbold, Cobbold and Lane Solicitors',
        relationship: 'Professional deputy',
        email: 'deputyship@cobboldlane.example',
        phone: '0121 496 0830',
        deputyDecisions: ['property_and_financial_affairs'],
        scopeOfAuthority:
          'Property and financial affairs, including managing her bank accounts and paying fees.',
        reference: 'COP 1000-DEMO-42',
        registeredDaysAgo: 900,
        documentSeenDaysAgo: 480,
      },
    ],
  },
  {
    givenName: 'Stanley',
    familyName: 'Wetherall',
    dateOfBirth: '1940-03-14',
    service: 'house',
    flags: ['respiratory_condition'],
    circle: [
      { contact: 'wrenfield', sinceDaysAgo: 350 },
      { contact: 'delacourt-hine', primary: true, sinceDaysAgo: 200 },
    ],
  },
  {
    givenName: 'Gwendolyn',
    familyName: 'Harker',
    preferredName: 'Gwen',
    dateOfBirth: '1943-10-09',
    service: 'house',
    flags: [],
    status: 'left',
    circle: [{ contact: 'wrenfield', sinceDaysAgo: 900 }],
  },
  {
    givenName: 'Albert',
    familyName: 'Fenchurch',
    dateOfBirth: '1934-07-02',
    service: 'house',
    flags: ['heart_condition'],
    status: 'died',
    circle: [{ contact: 'marchbank', sinceDaysAgo: 1100 }],
  },
  // ---- Millbrook Supported Living ----
  {
    givenName: 'Jordan',
    familyName: 'Kessington',
    dateOfBirth: '1992-05-14',
    service: 'living',
    flags: ['epilepsy'],
    communicationNeeds:
      'Uses Makaton and a picture board. Give him time to answer; do not finish his sentences.',
    circle: [
      { contact: 'wrenfield', sinceDaysAgo: 1000 },
      { contact: 'tolland', sinceDaysAgo: 400 },
      { contact: 'marchetti-shaw', sinceDaysAgo: 150 },
      { contact: 'brackley', primary: true, sinceDaysAgo: 700 },
      { contact: 'trevelyan-cole', sinceDaysAgo: 1000 },
    ],
    representatives: [
      { kind: 'advocate', name: 'Patrick Loveday', contact: 'loveday', relationship: 'Care Act advocate' },
      { kind: 'next_of_kin', name: 'Denise Kessington', relationship: 'Mother', phone: '07700 900505' },
    ],
  },
  {
    givenName: 'Aaliyah',
    familyName: 'Broadbent-Nash',
    dateOfBirth: '1988-09-21',
    service: 'living',
    flags: [],
    circle: [
      { contact: 'wrenfield', sinceDaysAgo: 600 },
      { contact: 'quarrie', primary: true, sinceDaysAgo: 420 },
      { contact: 'vellacott', sinceDaysAgo: 420 },
      { contact: 'trevelyan-cole', sinceDaysAgo: 600 },
    ],
  },
  {
    givenName: 'Callum',
    familyName: 'Redfearn',
    dateOfBirth: '1995-02-27',
    service: 'living',
    flags: ['dysphagia', 'epilepsy'],
    communicationNeeds:
      'Non-verbal. Uses an eye-gaze communication aid; his support plan explains his signs.',
    circle: [
      { contact: 'wrenfield', sinceDaysAgo: 800 },
      { contact: 'ferrand', sinceDaysAgo: 300 },
      { contact: 'abernant', sinceDaysAgo: 300 },
      { contact: 'delacourt-hine', primary: true, sinceDaysAgo: 260 },
    ],
    representatives: [
      {
        kind: 'court_appointed_deputy',
        name: 'Lynne Redfearn',
        relationship: 'Mother',
        phone: '07700 900506',
        deputyDecisions: ['personal_welfare', 'property_and_financial_affairs'],
        scopeOfAuthority: 'Where he lives, his care, contact with others, and his finances.',
        reference: 'COP 1000-DEMO-77',
        registeredDaysAgo: 1900,
        documentSeenDaysAgo: 790,
      },
    ],
  },
  {
    givenName: 'Priya',
    familyName: 'Thornbury',
    dateOfBirth: '1990-11-03',
    service: 'living',
    flags: ['diabetes'],
    circle: [
      { contact: 'okonjo-pell', sinceDaysAgo: 500 },
      { contact: 'ellingworth', primary: true, sinceDaysAgo: 480 },
      { contact: 'abernant', sinceDaysAgo: 200 },
    ],
  },
  {
    givenName: 'Daniel',
    familyName: 'Ashworth-Lee',
    preferredName: 'Danny',
    dateOfBirth: '1985-06-30',
    service: 'living',
    flags: ['mobility_risk'],
    circle: [
      { contact: 'okonjo-pell', sinceDaysAgo: 700 },
      { contact: 'moorcroft', sinceDaysAgo: 100 },
      { contact: 'treadwell', sinceDaysAgo: 100 },
      { contact: 'brackley', primary: true, sinceDaysAgo: 650 },
      { contact: 'quill', sinceDaysAgo: 640 },
    ],
  },
  {
    givenName: 'Sophie',
    familyName: 'Merriweather',
    dateOfBirth: '1998-01-12',
    service: 'living',
    flags: ['epilepsy', 'other'],
    flagsNote:
      'Buccal midazolam kept in the office safe; see her epilepsy care plan. Also has asthma (mild).',
    circle: [
      { contact: 'wrenfield', sinceDaysAgo: 400 },
      { contact: 'tolland', primary: true, sinceDaysAgo: 390 },
      { contact: 'penrose-hall', sinceDaysAgo: 390 },
    ],
  },
  {
    givenName: 'Tobias',
    familyName: 'Hensley-Grant',
    preferredName: 'Toby',
    dateOfBirth: '1979-04-08',
    service: 'living',
    flags: ['respiratory_condition'],
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 300 },
      { contact: 'linwood', sinceDaysAgo: 120 },
      { contact: 'quarrie', primary: true, sinceDaysAgo: 300 },
    ],
  },
  {
    givenName: 'Kiran',
    familyName: 'Doveridge',
    dateOfBirth: '1983-12-19',
    service: 'living',
    flags: [],
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 250 },
      { contact: 'marchetti-shaw', primary: true, sinceDaysAgo: 90 },
      { contact: 'harrowgate', sinceDaysAgo: 45 },
      { contact: 'kingsmere', sinceDaysAgo: 45 },
    ],
  },
  {
    givenName: 'Ruth',
    familyName: 'Pemberley-Oakes',
    dateOfBirth: '1976-07-07',
    service: 'living',
    flags: ['diabetes', 'heart_condition'],
    circle: [
      { contact: 'okonjo-pell', primary: true, sinceDaysAgo: 900 },
      { contact: 'ellingworth', sinceDaysAgo: 365 },
    ],
    representatives: [
      {
        kind: 'lpa_property_and_financial_affairs',
        name: 'Anne Pemberley',
        relationship: 'Sister',
        phone: '07700 900507',
        reference: 'OPG 7000-0000-0004',
        registeredDaysAgo: 1100,
        documentSeenDaysAgo: 880,
      },
    ],
  },
  {
    givenName: 'Marcus',
    familyName: 'Feltwell',
    dateOfBirth: '1993-03-25',
    service: 'living',
    flags: [],
    circle: [
      { contact: 'wrenfield', sinceDaysAgo: 500 },
      { contact: 'ormsby', primary: true, sinceDaysAgo: 480 },
      { contact: 'loveday', sinceDaysAgo: 200 },
    ],
    representatives: [{ kind: 'advocate', name: 'Patrick Loveday', contact: 'loveday' }],
  },
  // ---- Exampleton Home Care ----
  {
    givenName: 'Eileen',
    familyName: 'Cresswell',
    dateOfBirth: '1932-10-14',
    service: 'home',
    flags: ['diabetes', 'insulin_dependent', 'mobility_risk'],
    flagsNote: 'Lives alone. Insulin pen in the fridge door; district nurses visit at 08:30.',
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 2000 },
      { contact: 'penhallow', primary: true, sinceDaysAgo: 500 },
      { contact: 'ellingworth', sinceDaysAgo: 400 },
      { contact: 'stellwood', sinceDaysAgo: 800 },
    ],
    representatives: [
      {
        kind: 'lpa_health_and_welfare',
        name: 'Fiona Cresswell-Dunn',
        relationship: 'Daughter',
        phone: '07700 900508',
        reference: 'OPG 7000-0000-0005',
        registeredDaysAgo: 700,
        documentSeenDaysAgo: 400,
      },
    ],
  },
  {
    givenName: 'George',
    familyName: 'Maltby-Rowe',
    dateOfBirth: '1946-05-05',
    service: 'home',
    flags: ['respiratory_condition', 'oxygen_dependent', 'heart_condition'],
    circle: [
      { contact: 'okonjo-pell', sinceDaysAgo: 600 },
      { contact: 'linwood', primary: true, sinceDaysAgo: 500 },
      { contact: 'fairbrother', sinceDaysAgo: 200 },
      { contact: 'maddox-penn', sinceDaysAgo: 180 },
    ],
  },
  {
    givenName: 'Phyllis',
    familyName: 'Underhay',
    dateOfBirth: '1938-02-28',
    service: 'home',
    flags: ['dementia', 'mobility_risk'],
    communicationNeeds: 'Wears glasses and hearing aids: check both are in before talking with her.',
    circle: [
      { contact: 'wrenfield', sinceDaysAgo: 1300 },
      { contact: 'delacourt-hine', primary: true, sinceDaysAgo: 300 },
      { contact: 'quarrie', sinceDaysAgo: 200 },
      { contact: 'moorcroft', sinceDaysAgo: 80 },
    ],
    representatives: [
      {
        kind: 'lpa_health_and_welfare',
        name: 'Martin Underhay',
        relationship: 'Son',
        phone: '07700 900509',
        reference: 'OPG 7000-0000-0006',
        registeredDaysAgo: 1600,
        documentSeenDaysAgo: 290,
      },
      {
        kind: 'lpa_property_and_financial_affairs',
        name: 'Martin Underhay',
        relationship: 'Son',
        phone: '07700 900509',
        reference: 'OPG 7000-0000-0007',
        registeredDaysAgo: 1600,
        documentSeenDaysAgo: 290,
      },
    ],
  },
  {
    givenName: 'Raymond',
    familyName: 'Colbeck',
    preferredName: 'Ray',
    dateOfBirth: '1950-08-16',
    service: 'home',
    flags: ['epilepsy'],
    circle: [
      { contact: 'wrenfield', primary: true, sinceDaysAgo: 700 },
      { contact: 'tolland', sinceDaysAgo: 300 },
    ],
  },
  {
    givenName: 'Winifred',
    familyName: 'Sallow',
    preferredName: 'Win',
    dateOfBirth: '1941-12-24',
    service: 'home',
    flags: ['dysphagia', 'pressure_ulcer_risk'],
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 900 },
      { contact: 'ferrand', sinceDaysAgo: 100 },
      { contact: 'fairbrother', primary: true, sinceDaysAgo: 140 },
      { contact: 'abernant', sinceDaysAgo: 100 },
    ],
  },
  {
    givenName: 'Trevor',
    familyName: 'Oldroyd',
    dateOfBirth: '1949-03-09',
    service: 'home',
    flags: ['anticoagulants', 'heart_condition'],
    circle: [
      { contact: 'okonjo-pell', primary: true, sinceDaysAgo: 400 },
      { contact: 'stellwood', sinceDaysAgo: 400 },
    ],
  },
  {
    givenName: 'Beatrice',
    familyName: 'Hollingdrake',
    preferredName: 'Bea',
    dateOfBirth: '1936-06-11',
    service: 'home',
    flags: ['dementia'],
    circle: [
      { contact: 'marchbank', sinceDaysAgo: 1000 },
      { contact: 'brackley', primary: true, sinceDaysAgo: 200 },
      { contact: 'osei-lunt', sinceDaysAgo: 30 },
      { contact: 'fenwright', sinceDaysAgo: 25 },
    ],
    representatives: [
      {
        kind: 'imca',
        name: 'Nadia Fenwright',
        contact: 'fenwright',
        relationship: 'IMCA for the safeguarding enquiry',
      },
    ],
  },
  {
    givenName: 'Frank',
    familyName: 'Ibbotson',
    dateOfBirth: '1944-09-02',
    service: 'home',
    flags: ['mobility_risk'],
    circle: [
      { contact: 'wrenfield', primary: true, sinceDaysAgo: 600 },
      { contact: 'treadwell', sinceDaysAgo: 50 },
      { contact: 'quill', sinceDaysAgo: 580 },
    ],
  },
  {
    givenName: 'Nora',
    familyName: 'Kettlewell',
    dateOfBirth: '1939-04-30',
    service: 'home',
    flags: ['diabetes'],
    circle: [
      { contact: 'okonjo-pell', primary: true, sinceDaysAgo: 300 },
      { contact: 'maddox-penn', sinceDaysAgo: 180 },
    ],
    representatives: [
      { kind: 'next_of_kin', name: 'Peter Kettlewell', relationship: 'Nephew', phone: '07700 900510' },
    ],
  },
  {
    givenName: 'Alan',
    familyName: 'Threlfall',
    dateOfBirth: '1952-01-18',
    service: 'home',
    flags: ['respiratory_condition'],
    circle: [
      { contact: 'marchbank', primary: true, sinceDaysAgo: 500 },
      { contact: 'linwood', sinceDaysAgo: 160 },
    ],
  },
  {
    givenName: 'Joan',
    familyName: 'Ellery',
    dateOfBirth: '1945-07-07',
    service: 'home',
    flags: [],
    circle: [{ contact: 'wrenfield', primary: true, sinceDaysAgo: 365 }],
    representatives: [
      { kind: 'next_of_kin', name: 'Michael Ellery', relationship: 'Husband', phone: '0113 496 0822' },
    ],
  },
];

/** The contact whose retirement the demo shows; ended after Bernard Lathom's circle links to them. */
const retired = { key: 'tallow', reason: 'Retired from the practice in October' };

export type DemoStaffIds = Record<Extract<StaffRole, 'manager' | 'registered_manager'>, string>;

/** What the register loaded, by the keys and names above, for the demo's activity to refer to. */
export type DemoRegister = {
  /** Each contact by key, with the partner organisation they work for. */
  contacts: ReadonlyMap<string, { id: string; partnerOrganisationId: string }>;
  /** Each person by given name (unique in the demo). */
  people: ReadonlyMap<string, string>;
  /** Each care service by key: house, living, home. */
  careServices: ReadonlyMap<string, string>;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Fills the demo organisation with its services, partner register and the people it supports,
 * through the same services (and checks) as the API, so every record has its audit entry. History
 * is dated back from `clock`: a contact verified 200 days ago was added then, by the demo
 * manager or registered manager, so the register shows who checked what and which are stale.
 */
export async function loadDemoRegister(
  db: Db,
  options: { orgId: string; staff: DemoStaffIds; clock: Clock },
): Promise<DemoRegister> {
  const { orgId, staff } = options;
  const now = options.clock.now().getTime();
  const daysAgo = (days: number): Clock => ({ now: () => new Date(now - days * DAY_MS) });
  const dateDaysAgo = (days: number) => inLondon(new Date(now - days * DAY_MS)).toISODate() ?? '';
  const as = (role: keyof DemoStaffIds): RequestContext => ({
    orgId,
    actor: { type: 'user', id: staff[role], role },
    requestId: null,
    ip: null,
  });
  const registeredManager = as('registered_manager');

  const contactIds = new Map<string, string>();
  const contacts = new Map<string, { id: string; partnerOrganisationId: string }>();
  const contactTypes = new Map<string, PartnerType>();
  for (const seed of organisations) {
    // The register was set up over a year ago; each contact was added when last verified.
    const organisation = await createPartnerOrganisation(
      db,
      registeredManager,
      createPartnerOrganisationBody.parse({
        name: seed.name,
        type: seed.type,
        odsCode: seed.odsCode,
        address: seed.address,
        notes: seed.notes,
      }),
      daysAgo(420),
    );
    for (const channel of seed.channels) {
      await addChannel(db, registeredManager, {
        ref: { partnerOrganisationId: organisation.id },
        input: createChannelBody.parse(channel),
        clock: daysAgo(420),
      });
    }
    for (const contactSeed of seed.contacts) {
      const when = daysAgo(contactSeed.verifiedDaysAgo);
      const contact = await createPartnerContact(db, as(contactSeed.verifiedBy), {
        partnerOrganisationId: organisation.id,
        input: createPartnerContactBody.parse({
          name: contactSeed.name,
          jobTitle: contactSeed.jobTitle,
          type: contactSeed.type,
          email: contactSeed.email,
          phone: contactSeed.phone,
        }),
        clock: when,
      });
      contactIds.set(contactSeed.key, contact.id);
      contacts.set(contactSeed.key, { id: contact.id, partnerOrganisationId: organisation.id });
      contactTypes.set(contactSeed.key, contactSeed.type);
      for (const channel of contactSeed.channels ?? []) {
        await addChannel(db, as(contactSeed.verifiedBy), {
          ref: { partnerContactId: contact.id },
          input: createChannelBody.parse(channel),
          clock: when,
        });
      }
    }
  }
  const contactId = (key: string) => {
    const id = contactIds.get(key);
    if (!id) throw new Error(`The demo register has no contact "${key}".`);
    return id;
  };

  const serviceIds = new Map<string, string>();
  for (const service of careServices) {
    const created = await createCareService(
      db,
      registeredManager,
      { name: service.name, address: service.address },
      daysAgo(420),
    );
    serviceIds.set(service.key, created.id);
  }

  // The people moved into Liaison a fortnight ago, before anything the demo's activity records.
  const peopleClock = daysAgo(14);
  const personIds = new Map<string, string>();
  const nhsNumbers = demoNhsNumbers();
  for (const [index, seed] of people.entries()) {
    const person = await createPerson(
      db,
      registeredManager,
      createPersonBody.parse({
        givenName: seed.givenName,
        familyName: seed.familyName,
        preferredName: seed.preferredName,
        dateOfBirth: seed.dateOfBirth,
        ...homeOf(seed, index),
        nhsNumber: nhsNumbers.next().value,
        careServiceId: serviceIds.get(seed.service),
        communicationNeeds: seed.communicationNeeds,
        clinicalFlags: seed.flags,
        clinicalFlagsNote: seed.flagsNote,
        status: seed.status ?? 'active',
      }),
      peopleClock,
    );
    if (personIds.has(seed.givenName)) throw new Error(`Two demo people are called ${seed.givenName}.`);
    personIds.set(seed.givenName, person.id);
    for (const member of seed.circle) {
      await addCircleMember(
        db,
        registeredManager,
        person.id,
        addCircleMemberBody.parse({
          partnerContactId: contactId(member.contact),
          isPrimary: member.primary ?? false,
          startedOn: dateDaysAgo(member.sinceDaysAgo),
        }),
        peopleClock,
      );
    }
    let attorneyId: string | null = null;
    for (const representative of seed.representatives ?? []) {
      const added = await addRepresentative(db, registeredManager, {
        personId: person.id,
        input: createRepresentativeBody.parse({
          kind: representative.kind,
          name: representative.name,
          relationship: representative.relationship,
          phone: representative.phone,
          email: representative.email,
          partnerContactId: representative.contact ? contactId(representative.contact) : undefined,
          scopeOfAuthority: representative.scopeOfAuthority,
          deputyDecisions: representative.deputyDecisions,
          reference: representative.reference,
          registeredOn:
            representative.registeredDaysAgo === undefined
              ? undefined
              : dateDaysAgo(representative.registeredDaysAgo),
          documentSeenOn:
            representative.documentSeenDaysAgo === undefined
              ? undefined
              : dateDaysAgo(representative.documentSeenDaysAgo),
        }),
        clock: peopleClock,
      });
      if (
        representative.kind === 'lpa_health_and_welfare' &&
        representative.registeredDaysAgo !== undefined
      ) {
        attorneyId = added.id;
      }
    }
    if (seed.status === undefined || seed.status === 'active') {
      await loadDemoConsent(db, {
        person: person.id,
        circleTypes: [...new Set(seed.circle.map((member) => contactTypes.get(member.contact)))].filter(
          (type): type is PartnerType => type !== undefined,
        ),
        attorneyId,
        recorder: as('manager'),
        givenOn: dateDaysAgo(200),
        reviewOn: dateDaysAgo(-165),
        clock: peopleClock,
      });
    }
  }

  await endPartnerContact(db, registeredManager, {
    id: contactId(retired.key),
    reason: retired.reason,
    clock: daysAgo(35),
  });
  return { contacts, people: personIds, careServices: serviceIds };
}

/**
 * Consent to share with the person's circle, for care coordination and health monitoring. A person
 * with a health and welfare attorney was assessed as lacking capacity for the decision, and their
 * attorney consented for them; everyone else consented themselves.
 */
async function loadDemoConsent(
  db: Db,
  options: {
    person: string;
    circleTypes: PartnerType[];
    attorneyId: string | null;
    recorder: RequestContext;
    givenOn: string;
    reviewOn: string;
    clock: Clock;
  },
): Promise<void> {
  if (options.circleTypes.length === 0) return;
  const purposes = ['care_coordination', 'health_monitoring'];
  const categories = ['identity', 'health', 'care_plan', 'risk'];
  if (options.attorneyId) {
    await recordCapacityAssessment(db, options.recorder, {
      personId: options.person,
      input: createCapacityAssessmentBody.parse({
        decision: 'Sharing health and care information with the professionals in their circle',
        purposes,
        categories,
        impairment: true,
        impairmentNote: 'Dementia',
        canUnderstand: false,
        canRetain: false,
        canUseOrWeigh: false,
        canCommunicate: true,
        reasons:
          'Explained with photographs of each professional on two occasions; could not recall or weigh up who would be told what.',
        assessedOn: options.givenOn,
        reviewOn: options.reviewOn,
      }),
      clock: options.clock,
    });
  }
  await recordConsent(
    db,
    options.recorder,
    options.person,
    createConsentBody.parse({
      givenBy: options.attorneyId ? 'representative' : 'person',
      representativeId: options.attorneyId,
      partnerTypes: options.circleTypes,
      purposes,
      categories,
      recordedHow: 'signed_form',
      givenOn: options.givenOn,
      reviewOn: options.reviewOn,
    }),
    options.clock,
  );
}

/**
 * NHS numbers from 999 000 0000, the range NHS England keeps for testing, that pass the
 * modulus-11 check (about one nine-digit stem in eleven has no valid check digit; it is skipped).
 */
function* demoNhsNumbers(): Generator<string, never> {
  for (let stem = 999_000_100; ; stem += 37) {
    for (let checkDigit = 0; checkDigit <= 9; checkDigit += 1) {
      const candidate = `${stem}${checkDigit}`;
      if (isValidNhsNumber(candidate)) {
        yield candidate;
        break;
      }
    }
  }
}
