import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/report/escapeMarkdown';

describe('escapeMarkdown', () => {
  it('HTML as entities, Markdown syntax with backslashes', () => {
    expect(escapeMarkdown('</script><img src=x onerror=alert(1)>')).toBe('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('A & B')).toBe('A &amp; B');
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
