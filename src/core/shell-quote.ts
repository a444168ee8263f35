// Words for bash command lines that swerig builds: quoted so that bash reads them back unchanged.

/** Always single-quoted (embedded quotes escaped): safe for any string, including the empty one. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Left bare when it is made only of characters bash takes literally, else as shellQuote. */
export function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : shellQuote(word);
}
