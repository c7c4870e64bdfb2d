// Steps of an iterative walk over a plain JSON value (no recursion: fuzzed input nests deep). Each
// visited container links to its parent, so a path is built only where a rule needs one: copying
// the path at every value allocated an array per value of the document.
export interface ValueStep {
  v: unknown;
  key?: string | number;
  parent?: ValueStep;
}

/** The path of a step: `prefix` (where the walk started), the keys on the way, then `last` if given. */
export function stepPath(step: ValueStep, prefix: readonly (string | number)[] = [], last?: string | number): (string | number)[] {
  const segs: (string | number)[] = last === undefined ? [] : [last];
  for (let s: ValueStep | undefined = step; s?.parent; s = s.parent) segs.push(s.key!);
  segs.reverse();
  return prefix.length ? [...prefix, ...segs] : segs;
}
