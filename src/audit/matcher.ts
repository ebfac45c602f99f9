/** The string matcher of the embargo audit (see `audit.ts`): many patterns, one pass over the text. */

/**
 * Aho-Corasick over UTF-16 code units: `scan(text, onMatch)` calls `onMatch(pattern, end)` for
 * every occurrence of every pattern, `end` being the index of its last code unit.
 *
 * Code units are first mapped to the few classes the patterns use (all others are class 0, which
 * no pattern holds: back to the root). The states nearest the root, where ordinary text keeps
 * the automaton (hidden titles share their first words with published ones), get a full row of
 * transitions by class, up to `denseCells` cells; deeper states keep sparse transitions and
 * failure links. The scan walks the rows by offset, so ordinary text costs one table lookup per
 * code unit (a third faster than looking up each state's row).
 */
export function compileMatcher(patterns: string[], { denseCells = 1 << 22 } = {}): (text: string, onMatch: (pattern: number, end: number) => void) => void {
  const children: Array<Map<number, number>> = [new Map()];
  const output: number[] = [-1];
  const classOf = new Uint16Array(65536);
  let classes = 1;
  patterns.forEach((pattern, p) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (classOf[code] === 0) classOf[code] = classes++;
      let next = children[state].get(code);
      if (next === undefined) {
        next = children.push(new Map()) - 1;
        output.push(-1);
        children[state].set(code, next);
      }
      state = next;
    }
    if (pattern.length > 0) output[state] = p;
  });

  const count = children.length;
  const first = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) first[s + 1] = first[s] + children[s].size;
  const codes = new Uint16Array(first[count]);
  const targets = new Int32Array(first[count]);
  children.forEach((map, s) => {
    let k = first[s];
    for (const [code, target] of map) {
      codes[k] = code;
      targets[k++] = target;
    }
  });

  // Breadth first: failure links, `report` links to the nearest shorter pattern ending at a state,
  // and the order in which states get dense rows (a state's failure target is always shallower).
  const fail = new Int32Array(count);
  const report = new Int32Array(count).fill(-1);
  const order = [0];
  const rowOf = new Int32Array(count).fill(-1);
  const rows = Math.max(1, Math.min(count, Math.floor(denseCells / classes)));
  let dense = new Int32Array(rows * classes);
  // The next state from a state with a row: from `dense` while the automaton is made, from the scan's table after.
  let rowNext = (row: number, code: number): number => dense[row + classOf[code]];
  const step = (state: number, code: number): number => {
    for (;;) {
      if (rowOf[state] >= 0) return rowNext(rowOf[state], code);
      for (let k = first[state]; k < first[state + 1]; k++) if (codes[k] === code) return targets[k];
      state = fail[state];
    }
  };
  for (let head = 0; head < order.length; head++) {
    const state = order[head];
    if (head < rows) {
      // The row of a state: its own transitions over those of its failure target (already a row).
      rowOf[state] = head * classes;
      if (state !== 0) dense.copyWithin(rowOf[state], rowOf[fail[state]], rowOf[fail[state]] + classes);
      for (const [code, target] of children[state]) dense[rowOf[state] + classOf[code]] = target;
    }
    for (const [code, target] of children[state]) {
      fail[target] = state === 0 ? 0 : step(fail[state], code);
      report[target] = output[fail[target]] >= 0 ? fail[target] : report[fail[target]];
      order.push(target);
    }
  }

  // The scan's table: for a state with a row, by class, the next state's row offset times two
  // (plus one when a pattern ends there), or -1 - next state when that state has no row.
  const rowState = new Int32Array(rows);
  for (let s = 0; s < count; s++) if (rowOf[s] >= 0) rowState[rowOf[s] / classes] = s;
  const emits = (s: number) => output[s] >= 0 || report[s] >= 0;
  const table = new Int32Array(rows * classes);
  for (let r = 0; r < rows * classes; r++) {
    const target = dense[r];
    table[r] = rowOf[target] >= 0 ? rowOf[target] * 2 + (emits(target) ? 1 : 0) : -1 - target;
  }
  // Made: the rows are the table's from here on, and the pattern tree and `dense` are let go (the
  // scan's closures would keep them, tens of MB for a site with many hidden releases).
  rowNext = (row, code) => {
    const next = table[row + classOf[code]];
    return next >= 0 ? rowState[(next >> 1) / classes] : -1 - next;
  };
  dense = new Int32Array(0);
  children.length = 0;
  order.length = 0;
  const emit = (state: number, i: number, onMatch: (pattern: number, end: number) => void) => {
    if (output[state] >= 0) onMatch(output[state], i);
    for (let s = report[state]; s >= 0; s = report[s]) onMatch(output[s], i);
  };
  return (text, onMatch) => {
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const next = table[row + classOf[text.charCodeAt(i)]];
      if (next >= 0) {
        row = next >> 1;
        if (next & 1) emit(rowState[row / classes], i, onMatch);
        continue;
      }
      // Deep in a pattern, past the states with rows: sparse transitions until back among them.
      let state = -1 - next;
      for (;;) {
        if (emits(state)) emit(state, i, onMatch);
        if (++i >= text.length) return;
        const code = text.charCodeAt(i);
        state = classOf[code] === 0 ? 0 : step(state, code);
        if (rowOf[state] >= 0) {
          row = rowOf[state];
          if (emits(state)) emit(state, i, onMatch);
          break;
        }
      }
    }
  };
}
