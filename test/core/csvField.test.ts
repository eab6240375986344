import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/core/csvField';

describe('csvField', () => {
  it('quotes a field holding a comma, a quote, LF or CR (RFC 4180), quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    // A bare CR ends a record for most readers: it must be quoted too.
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('null is an empty field, the empty string is "" (readers tell them apart); numbers as they are', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(12345678901234567890n)).toBe('12345678901234567890');
    expect(csvField(true)).toBe('true');
  });

  it('guards text a spreadsheet would run as a formula: single quote prefixed, field quoted (OWASP)', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('+cmd|\' /C calc\'!A0')).toBe(`"'+cmd|' /C calc'!A0"`);
    expect(csvField('-2+3+cmd|x')).toBe(`"'-2+3+cmd|x"`);
    expect(csvField('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    // Not at the start: no formula.
    expect(csvField('a=1')).toBe('a=1');
  });

  it('negative numbers are not formulas: numbers and number-only text stay unchanged', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(-1e-7)).toBe('-1e-7');
    expect(csvField('-3.5')).toBe('-3.5');
    expect(csvField('+33')).toBe('+33');
    expect(csvField('-1e5')).toBe('-1e5');
    // Text that merely starts like a number is guarded.
    expect(csvField('-3.5 EUR')).toBe(`"'-3.5 EUR"`);
    expect(csvField('+33 6 12 34 56 78')).toBe(`"'+33 6 12 34 56 78"`);
  });

  it('without the guard (machine-to-machine files) only RFC 4180 quoting applies', () => {
    expect(csvField('=1+1', false)).toBe('=1+1');
    expect(csvField('-cmd', false)).toBe('-cmd');
    expect(csvField('\r=1', false)).toBe('"\r=1"');
  });
});
