import { describe, expect, it } from 'vitest';
import { labelAxis } from '../../src/viz/labelAxis';

describe('labelAxis', () => {
  it('places labels at positions so equal names stay separate', () => {
    expect(labelAxis(['A', 'A', 'B'])).toEqual({ tickmode: 'array', tickvals: [0, 1, 2], ticktext: ['A', 'A', 'B'], automargin: true });
  });
});
