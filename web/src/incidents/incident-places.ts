import type { CareService, Incident } from '../api.ts';

/**
 * The services to start chosen when adding people: those the incident names, and any whose name
 * was typed as one of its places ("Riverside House" under "Other places affected").
 */
export function servicesChosenFor(incident: Incident, services: readonly CareService[]): string[] {
  const typed = new Set(incident.locations.map((place) => place.trim().toLowerCase()));
  return [
    ...new Set([
      ...incident.careServices.map((service) => service.id),
      ...services
        .filter((service) => typed.has(service.name.trim().toLowerCase()))
        .map((service) => service.id),
    ]),
  ];
}
