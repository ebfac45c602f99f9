/**
 * Real Arabic words for the synthetic evaluation corpus, read from the
 * `@cspell/dict-ar` word list (a cspell "TrieXv3" file: a stream of letters,
 * `$` ends a word, `<` or a digit 2–9 steps back, `#n;` links to an earlier
 * node, `\` escapes the next character).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";

interface TrieNode {
  children: Map<string, TrieNode> | null;
  end: boolean;
}

function readTrie(data: string, radix: number): TrieNode {
  const root: TrieNode = { children: new Map(), end: false };
  const leaf: TrieNode = { children: null, end: true };
  // Node numbers as the file's writer counted them: every inserted letter is one, a leaf reuses `leaf`.
  const nodes: TrieNode[] = [root, leaf];
  const path: Array<{ parent: TrieNode; letter: string }> = [{ parent: root, letter: "" }];
  let depth = 0;
  let current = root;
  const back = (steps: number): void => {
    depth -= steps;
    current = path[depth + 1].parent;
  };
  const insert = (letter: string): void => {
    if (current === leaf) {
      const step = path[depth];
      current = { children: new Map(), end: true };
      step.parent.children!.set(step.letter, current);
      nodes.push(current);
    }
    current.children ??= new Map();
    let next = current.children.get(letter);
    if (!next) current.children.set(letter, (next = { children: null, end: false }));
    nodes.push(next);
    depth++;
    path[depth] = { parent: current, letter };
    current = next;
  };
  let i = 0;
  const backSteps = (): void => {
    for (; i < data.length; i++) {
      const c = data[i];
      if (c === "<") back(1);
      else if (c >= "2" && c <= "9") back(Number(c) - 1);
      else if (c !== "\n" && c !== "\r") return;
    }
  };
  while (i < data.length) {
    const c = data[i++];
    if (c === "\n" || c === "\r") continue;
    if (c === "$") {
      if (!current.children) {
        const step = path[depth];
        step.parent.children!.set(step.letter, leaf);
        if (nodes[nodes.length - 1] === current) nodes.pop();
        current = leaf;
      } else current.end = true;
      back(1);
      backSteps();
    } else if (c === "<") {
      i--;
      backSteps();
    } else if (c === "#") {
      const close = data.indexOf(";", i);
      const step = path[depth];
      step.parent.children!.set(step.letter, nodes[parseInt(data.slice(i, close), radix) + 1]);
      nodes.pop();
      i = close + 1;
    } else insert(c === "\\" ? data[i++] : c);
  }
  return root;
}

const LETTER = /^[\u0621-\u063A\u0641-\u064A]$/;

/**
 * `count` distinct words of 3 to `maxLength` Arabic letters drawn uniformly
 * (with a seeded generator) from the dictionary and passing `accept`, in the order drawn.
 */
export function arabicWords(count: number, random: () => number, accept: (word: string) => boolean, maxLength = 7): string[] {
  const require = createRequire(import.meta.url);
  // The package exports only its cspell config; the word list sits next to it.
  const file = join(dirname(require.resolve("@cspell/dict-ar/cspell-ext.json")), "ar.trie.gz");
  const text = gunzipSync(readFileSync(file)).toString("utf8");
  const radix = Number(/base=(\d+)/.exec(text)?.[1] ?? 10);
  const root = readTrie(text.slice(text.indexOf("__DATA__") + "__DATA__".length), radix);
  // Words below each node by remaining length, so a random descent is uniform over words.
  const memo = new Map<TrieNode, { below: number[]; letters: Array<[string, TrieNode]> }>();
  const info = (node: TrieNode): { below: number[]; letters: Array<[string, TrieNode]> } => {
    let found = memo.get(node);
    if (found) return found;
    const letters = [...(node.children ?? [])].filter(([letter]) => LETTER.test(letter));
    const below = new Array<number>(maxLength + 1).fill(0);
    below[0] = node.end ? 1 : 0;
    for (const [, child] of letters) {
      const childBelow = info(child).below;
      for (let length = 1; length <= maxLength; length++) below[length] += childBelow[length - 1];
    }
    memo.set(node, (found = { below, letters }));
    return found;
  };
  const words = new Set<string>();
  const totals = info(root).below;
  const total = totals.slice(3).reduce((sum, n) => sum + n, 0);
  while (words.size < count) {
    let pick = random() * total;
    let length = 3;
    while (pick >= totals[length] && length < maxLength) pick -= totals[length++];
    let node = root;
    let word = "";
    for (let left = length; left > 0; left--) {
      for (const [letter, child] of info(node).letters) {
        const below = info(child).below[left - 1];
        if (pick < below) {
          node = child;
          word += letter;
          break;
        }
        pick -= below;
      }
    }
    if (word.length === length && accept(word)) words.add(word);
  }
  return [...words];
}
