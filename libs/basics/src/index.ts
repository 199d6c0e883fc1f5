// One shape for every expected failure (a torn barcode, a wrong password, a pulled stick): a
// value the caller must narrow, never an exception. Every module of the stack returns this, so
// every caller reads `if (!r.ok) … r.error` the same way; only the error union differs.

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** `ok(undefined)`, for results that carry nothing but success. */
export const done: Ok<void> = Object.freeze({ ok: true, value: undefined });
