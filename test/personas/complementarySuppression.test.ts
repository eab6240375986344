import { describe, expect, it } from 'vitest';
import { suppressCells } from '../../src/personas/complementarySuppression';

describe('suppressCells', () => {
  it('a single small cell takes the smallest published cell with it', () => {
    expect(suppressCells([200, 30, 120, 80], 50)).toEqual({ primary: [false, true, false, false], complementary: [false, false, false, true] });
  });

  it('two small cells, or none, need no complementary cell; empty cells disclose nobody', () => {
    expect(suppressCells([200, 30, 20, 80], 50).complementary).toEqual([false, false, false, false]);
    expect(suppressCells([200, 120, 80], 50).complementary).toEqual([false, false, false]);
    expect(suppressCells([200, 0, 30, 80], 50)).toEqual({ primary: [false, true, true, false], complementary: [false, false, false, true] });
  });

  it('ties go to the first cell; nothing to hide with when every cell is small', () => {
    expect(suppressCells([60, 30, 60], 50).complementary).toEqual([true, false, false]);
    expect(suppressCells([10, 20], 50).complementary).toEqual([false, false]);
  });
});
