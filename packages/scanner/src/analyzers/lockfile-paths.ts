/** The last segment of a target path. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Files inside an installed dependency tree belong to the dependency, not to the project being scanned. */
export const insideDependencyTree = (path: string): boolean =>
  /(^|\/)(node_modules|site-packages|dist-packages|vendor)\//.test(path);

/** A wants-predicate for lockfiles recognised by name anywhere outside dependency trees. */
export const lockfileNamed =
  (matches: (baseName: string) => boolean) =>
  (path: string): boolean =>
    matches(baseName(path)) && !insideDependencyTree(path);
