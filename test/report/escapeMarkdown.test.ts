import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/report/escapeMarkdown';

describe('escapeMarkdown', () => {
  it('no HTML survives, Markdown syntax with backslashes, plain comparisons stay readable', () => {
    expect(escapeMarkdown('</script><img src=x onerror=alert(1)>')).toBe('&lt;/script>&lt;img src=x onerror=alert(1)>');
    expect(escapeMarkdown('A & B')).toBe('A & B');
    expect(escapeMarkdown('&lt; is &#60;')).toBe('&amp;lt; is &amp;#60;');
    expect(escapeMarkdown('gap(k) >= gap(k+1) - s(k+1): 1.7 >= 1.6')).toBe('gap(k) >= gap(k+1) - s(k+1): 1.7 >= 1.6');
    expect(escapeMarkdown('> quoted')).toBe('\\> quoted');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('12. June')).toBe('12\\. June');
    expect(escapeMarkdown('a|b*c_d`e[f](g)\\h')).toBe('a\\|b\\*c\\_d\\`e\\[f\\](g)\\\\h');
  });

  it('line breaks become one space so a value stays in its cell', () => {
    expect(escapeMarkdown('one\n two\r\nthree\rfour')).toBe('one two three four');
  });

  it('null and numbers', () => {
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown(12.5)).toBe('12.5');
  });
});
