/** Debounced autosave of a draft to /api/newsroom/stories/{id}/autosave with the page's CSRF token. */
export interface Autosave {
  schedule(): void;
  cancel(): void;
}

const DELAY_MS = 4000;

/** Autosave for the editor form, or null when the story is new or live (live edits go out with "Update"). */
export function createAutosave(form: HTMLFormElement): Autosave | null {
  const id = form.dataset.storyId;
  if (!id || form.dataset.status === 'published') return null;
  const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  const status = document.getElementById('autosave-status');
  const revisionField = form.querySelector<HTMLInputElement>('input[name="revision"]');
  let timer: number | undefined;
  let isStopped = false;
  let inFlight: Promise<void> | undefined;

  const say = (text: string) => {
    if (status) status.textContent = text;
  };

  async function save(): Promise<void> {
    const fields: Record<string, string | number> = {};
    new FormData(form).forEach((value, key) => {
      if (typeof value === 'string' && key !== '_csrf' && key !== 'action') fields[key] = value;
    });
    fields.revision = Number(revisionField?.value ?? 0);
    say('Saving…');
    try {
      const response = await fetch(`/api/newsroom/stories/${id}/autosave`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify(fields),
        credentials: 'same-origin',
      });
      const answer = (await response.json()) as { revision?: number; savedAt?: string; error?: { message: string } };
      if (response.ok && answer.revision !== undefined) {
        if (revisionField) revisionField.value = String(answer.revision);
        const time = new Date(answer.savedAt ?? Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        say(`Draft saved automatically at ${time}.`);
      } else {
        // A conflict or a refusal: stop, so nothing is overwritten; the message says what to do.
        isStopped = true;
        say(`Not saved automatically: ${answer.error?.message ?? `the server answered ${response.status}`}`);
      }
    } catch {
      say('Not saved automatically: the newsroom could not be reached. Your text is still here.');
    }
  }

  return {
    schedule() {
      if (isStopped) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        inFlight = (inFlight ?? Promise.resolve()).then(save);
      }, DELAY_MS);
    },
    cancel() {
      window.clearTimeout(timer);
      isStopped = true;
    },
  };
}
