// Stub: this package is built in a later issue; see its README.
export const STUB = true;
