/** A gate a test holds a route or a step behind: `passed` settles once `open()` is called (any number of times). */
export function gate(): { passed: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { passed, open };
}
