import { useState, type FormEvent } from 'react';

/**
 * A form that sends one request: busy while it runs, and its failure said in words. `describe` turns a
 * failure into the message the user reads; it defaults to the error's own message.
 */
export function useFormAction(action: () => Promise<void>, describe: (caught: unknown) => string = errorText) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, submit };
}

export function errorText(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
