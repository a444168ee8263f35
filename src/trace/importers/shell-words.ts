// Reading and writing bash words: the arguments of SWE-agent's commands, and the commands we build.

/** Splits a command line into words as bash would for a simple command (quotes and backslashes). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && '"\\$`'.includes(line[i + 1] ?? "")) i++;
        word += line[i] ?? "";
      }
    } else if (c === "\\" && i + 1 < line.length) word = (word ?? "") + line[++i];
    else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}
