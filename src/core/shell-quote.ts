// Words for bash command lines that swerig builds: quoted so that bash reads them back unchanged.

/** Always single-quoted (embedded quotes escaped): safe for any string, including the empty one. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Left bare when it is made only of characters bash takes literally, else as shellQuote. */
export function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : shellQuote(word);
}

/**
 * Splits a command-line fragment into words the way a POSIX shell does for quotes and backslashes
 * (no expansion of variables, globs or substitutions). Returns undefined when a quote is left open.
 */
export function splitShellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && '"\\$`'.includes(text.charAt(i + 1)) && i + 1 < text.length) word += text.charAt(++i);
      else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === "\\" && i + 1 < text.length) word += text.charAt(++i);
      else word += c;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words;
}
