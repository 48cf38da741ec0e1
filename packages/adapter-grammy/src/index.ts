// Stub: the grammY adapter lands with the grammY issue.
export const STUB = true;
