/** Hostile ids for CSV tests: record separators, quotes, commas, formula starts, unicode, a negative number, empty. */
export const HOSTILE_IDS = ['C1', 'a\rb', 'a\nb', 'a\r\nb', 'say "hi"', 'a,b', '=1+1', '+1-2', '-cmd', '@SUM(A1)', '\tx', '\ry', 'Zoë 😀 日本', '-42', ''];
