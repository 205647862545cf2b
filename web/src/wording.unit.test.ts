import { describe, expect, it } from 'vitest';
import { groupInFours } from './account/setup-key.ts';
import { describeRepeat } from './messages/message-labels.ts';
import { describeChannelName } from './partners/partner-labels.ts';

describe('wording', () => {
  it('counts a route’s repeats in words, singular and plural', () => {
    expect(describeRepeat({ lastSteps: 1, times: 1 })).toBe('the last step repeats once');
    expect(describeRepeat({ lastSteps: 2, times: 2 })).toBe('the last 2 steps repeat twice');
    expect(describeRepeat({ lastSteps: 3, times: 4 })).toBe('the last 3 steps repeat 4 times');
  });

  it('never nests brackets in a channel’s name', () => {
    expect(describeChannelName('phone', 'NHS 111 (evenings and weekends)')).toBe(
      'Phone: NHS 111 (evenings and weekends)',
    );
    expect(describeChannelName('duty_line', null)).toBe('Duty line');
  });

  it('shows an authenticator setup key in groups of four', () => {
    expect(groupInFours('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupInFours('ABCDEF')).toBe('ABCD EF');
  });
});
