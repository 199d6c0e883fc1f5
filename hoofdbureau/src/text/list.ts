/** Items as Dutch writes them: "1", "1 en 2", "1, 2, 4 en 5". */
export function andList(items: ReadonlyArray<string | number>): string {
  const words = items.map(String);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} en ${words[words.length - 1]}`;
}
