import { describe, expect, it } from 'vitest';
import type { CareService, Incident } from '../api.ts';
import { servicesChosenFor } from './incident-places.ts';

const service = (id: string, name: string) => ({ id, name, address: null }) as unknown as CareService;
const incident = (careServices: { id: string; name: string }[], locations: string[]) =>
  ({ careServices, locations }) as unknown as Incident;

describe('the services chosen when adding people', () => {
  const services = [service('a', 'Birch Court'), service('b', 'Riverside House'), service('c', 'Oak Lodge')];

  it('starts with the services the incident names', () => {
    expect(servicesChosenFor(incident([{ id: 'b', name: 'Riverside House' }], []), services)).toEqual(['b']);
  });

  it('also chooses a service whose name was typed as one of the places affected', () => {
    expect(servicesChosenFor(incident([], [' riverside house ', 'First floor']), services)).toEqual(['b']);
    expect(
      servicesChosenFor(incident([{ id: 'a', name: 'Birch Court' }], ['Birch Court', 'Oak Lodge']), services),
    ).toEqual(['a', 'c']);
  });
});
