import { useState } from 'react';

export interface FormSubmit<V> {
  /** The form's `onFinish`. */
  submit(values: V): Promise<void>;
  /** True while the request runs (for the save button's spinner). */
  busy: boolean;
  /** The last failure that was not put on a field, for an ErrorAlert. */
  error: unknown;
}

/**
 * Sends a form (or another request the user starts, such as an upload): busy while `request` runs, the previous error cleared first. A failure goes to
 * `onFieldErrors` (e.g. `applyFieldErrors`), which returns true when it put it on the form's
 * fields; otherwise it becomes `error`.
 */
export function useFormSubmit<V>(
  request: (values: V) => Promise<void>,
  onFieldErrors: (error: unknown) => boolean = () => false,
): FormSubmit<V> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (values: V) => {
    setBusy(true);
    setError(undefined);
    try {
      await request(values);
    } catch (err) {
      if (!onFieldErrors(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return { submit, busy, error };
}
