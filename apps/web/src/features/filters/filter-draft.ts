/** An empty text field filters nothing. */
export const blankToUndefined = (value: string) => value.trim() || undefined;

/** A multi-select as the URL's comma list; nothing picked filters nothing. */
export const joinedOrUndefined = (values: string[]) => (values.length > 0 ? values.join(',') : undefined);
