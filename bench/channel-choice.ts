import { type ChannelForChoice, chooseChannel } from '../src/partners/channel-choice.ts';
import { median, printFigure } from './support.ts';

const weekdayHours = {
  monday: ['08:00-18:30'],
  tuesday: ['08:00-18:30'],
  wednesday: ['08:00-18:30'],
  thursday: ['08:00-18:30'],
  friday: ['08:00-13:00', '14:00-18:30'],
};
const channel = (overrides: Partial<ChannelForChoice>): ChannelForChoice => ({
  kind: 'phone',
  value: '0113 496 0100',
  label: null,
  urgencies: ['urgent', 'routine'],
  hours: weekdayHours,
  staffedOnBankHolidays: false,
  ...overrides,
});
const contact = {
  name: 'Dr Helena Marchbank',
  endedAt: null,
  channels: [channel({ kind: 'email', value: 'gp@example.org', urgencies: ['routine'] })],
};
const organisation = {
  name: 'Riverside Medical Practice',
  channels: [
    channel({}),
    channel({ kind: 'secure_email', value: 'practice@example.org', urgencies: ['routine'] }),
    channel({ kind: 'out_of_hours_line', value: '111', urgencies: ['out_of_hours'], hours: '24/7' }),
  ],
};

/**
 * "Which channel now" in-process: p99 of single decisions at moments spread over a year
 * (weekdays, nights, weekends, bank holidays, both clock changes). The baseline is the same
 * loop building the input without deciding, so the figure is the decision's own cost.
 */
export async function benchmarkChannelChoice(options: { rounds: number }) {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const moments = Array.from(
    { length: 20_000 },
    (_, index) => new Date(start + ((index * 7_919_993) % (365 * 86_400_000))),
  );
  const p99s: number[] = [];
  const baselineP99s: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const decide: number[] = [];
    const baseline: number[] = [];
    for (const [index, at] of moments.entries()) {
      const urgency = index % 2 === 0 ? 'urgent' : 'routine';
      let began = performance.now();
      const input = { contact, organisation, urgency, at } as const;
      baseline.push(performance.now() - began);
      began = performance.now();
      chooseChannel(input);
      decide.push(performance.now() - began);
    }
    p99s.push(percentile(decide, 0.99));
    baselineP99s.push(percentile(baseline, 0.99));
  }
  const p99Ms = median(p99s);
  printFigure({
    figure: 'channel_choice_p99_ms',
    value: Number(p99Ms.toFixed(4)),
    target: '< 1',
    met: p99Ms < 1,
    baseline_p99_ms: Number(median(baselineP99s).toFixed(4)),
    decisions_per_round: moments.length,
    rounds: options.rounds,
  });
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
