// Stub: built in the Mini App issue.
export const STUB = true;
