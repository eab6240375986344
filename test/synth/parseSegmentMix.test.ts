import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { parseSegmentMix } from '../../src/synth/parseSegmentMix';

describe('parseSegmentMix', () => {
  it('reads segment=share items separated by commas', () => {
    expect(parseSegmentMix('lapsed=0.3,promo_hunter=.25, vip_ambassador = 0 ,window_shopper=1e-1')).toEqual({
      lapsed: 0.3,
      promo_hunter: 0.25,
      vip_ambassador: 0,
      window_shopper: 0.1,
    });
  });

  const bad: [string, string, RegExp][] = [
    ['an item without =', 'lapsed=0.3,promo_hunter', /Invalid --mix: "promo_hunter" \(item 2 of 2\) is not segment=share; e\.g\. --mix lapsed=0\.3/],
    ['an empty text', '', /Invalid --mix: "" is not segment=share/],
    ['an unknown segment', 'lapsed=0.3,vip=0.1', /Invalid --mix: unknown segment "vip" \(item 2 of 2\); expected one of vip_ambassador, loyal_regular,/],
    ['a segment given twice', 'lapsed=0.3,lapsed=0.2', /segment "lapsed" given twice \(item 2 of 2\)/],
    ['a share that is not a number', 'lapsed=thirty', /share of lapsed is "thirty"; expected a number from 0 to 1/],
    ['a percentage', 'lapsed=30%', /share of lapsed is "30%"/],
    ['a share above 1', 'lapsed=30', /share of lapsed is "30"/],
    ['a negative share', 'lapsed=-0.1', /share of lapsed is "-0\.1"/],
    ['a hexadecimal share', 'lapsed=0x1', /share of lapsed is "0x1"/],
    ['an empty share', 'lapsed=', /share of lapsed is ""/],
  ];
  it.each(bad)('rejects %s with a UsageError naming the option', (_what, text, message) => {
    expect(() => parseSegmentMix(text, '--mix')).toThrow(UsageError);
    expect(() => parseSegmentMix(text, '--mix')).toThrow(message);
  });
});
