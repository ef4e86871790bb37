/** Saves a story that is not live to /api/newsroom/stories/{id}/autosave with the page's CSRF token: debounced as you type, or at once (Ctrl/Cmd+S). */
export interface Autosave {
  schedule(): void;
  /** Saves now; resolves true when the server has everything typed so far. */
  saveNow(): Promise<boolean>;
  cancel(): void;
}

/** What the editor learns from a save. */
export interface AutosaveEvents {
  /** The server has the text as it was when the save started. */
  onSaved(savedVersion: number): void;
  /** Someone else saved meanwhile: who, when, and where to compare. */
  onConflict(message: string, revisionsPath: string | undefined): void;
}

interface SaveAnswer {
  revision?: number;
  savedAt?: string;
  error?: { code?: string; message: string; details?: Record<string, string> };
}

const DELAY_MS = 4000;

/** Autosave for the editor form, or null when the story is new or live (live edits go out with "Update"). */
export function createAutosave(form: HTMLFormElement, version: () => number, events: AutosaveEvents): Autosave | null {
  const id = form.dataset.storyId;
  if (!id || form.dataset.status === 'published') return null;
  const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  const status = document.getElementById('autosave-status');
  const revisionField = form.querySelector<HTMLInputElement>('input[name="revision"]');
  let timer: number | undefined;
  let isStopped = false;
  let queue: Promise<boolean> = Promise.resolve(true);

  const say = (text: string) => {
    if (status) status.textContent = text;
  };

  async function save(reason: 'autosave' | 'save'): Promise<boolean> {
    const fields: Record<string, string | number> = { reason };
    new FormData(form).forEach((value, key) => {
      if (typeof value === 'string' && key !== '_csrf' && key !== 'action') fields[key] = value;
    });
    fields.revision = Number(revisionField?.value ?? 0);
    const startedAt = version();
    say('Saving…');
    try {
      const response = await fetch(`/api/newsroom/stories/${id}/autosave`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify(fields),
        credentials: 'same-origin',
      });
      const answer = (await response.json()) as SaveAnswer;
      if (response.ok && answer.revision !== undefined) {
        if (revisionField) revisionField.value = String(answer.revision);
        const time = new Date(answer.savedAt ?? Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        say(reason === 'save' ? `Saved at ${time}.` : `Draft saved automatically at ${time}.`);
        events.onSaved(startedAt);
        return true;
      }
      // A conflict or a refusal: stop, so nothing is overwritten; the message says what to do.
      isStopped = true;
      if (answer.error?.code === 'STORY_CONFLICT') {
        say('Not saved: someone else saved this story meanwhile.');
        events.onConflict(answer.error.message, answer.error.details?.revisionsPath);
      } else {
        say(`Not saved: ${answer.error?.message ?? `the server answered ${response.status}`}`);
      }
      return false;
    } catch {
      say('Not saved: the newsroom could not be reached. Your text is still here.');
      return false;
    }
  }

  const enqueue = (reason: 'autosave' | 'save') => (queue = queue.then(() => save(reason)));

  return {
    schedule() {
      if (isStopped) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void enqueue('autosave'), DELAY_MS);
    },
    saveNow() {
      window.clearTimeout(timer);
      // A save asked for by hand is tried even after a refusal: the answer says again why.
      return enqueue('save');
    },
    cancel() {
      window.clearTimeout(timer);
      isStopped = true;
    },
  };
}
