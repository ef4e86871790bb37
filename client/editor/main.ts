/**
 * The story editor island: turns the editor form's Body text box into a TipTap rich-text editor
 * (headings, paragraphs, bold, italic, links, lists, block quotes, images from the media library),
 * keeps a live word and character count, and autosaves drafts. Without it the form still works:
 * the body is an HTML text box that the server sanitizes, every button posts the form. It also keeps
 * the length advice and previews current, offers names as you type bylines and topics, saves on
 * Ctrl/Cmd+S, warns before leaving with unsaved changes, and says who saved when a save comes too
 * late. No embeds are offered: reader pages
 * allow no frames (CSP default-src 'none'), and the body sanitizer drops iframes.
 */
import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';
import { createAutosave } from './autosave.js';
import { createImagePicker } from './image-picker.js';
import { startLiveAdvice } from './live-advice.js';
import { startTypeAhead } from './type-ahead.js';
import './editor.css';

function countText(text: string): { words: number; characters: number } {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return { words: trimmed ? trimmed.split(' ').length : 0, characters: trimmed.length };
}

function button(label: string, onPress: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'nr-button nr-button-secondary';
  element.textContent = label;
  element.addEventListener('click', onPress);
  return element;
}

function start(form: HTMLFormElement): void {
  const textarea = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]');
  const label = form.querySelector<HTMLLabelElement>('label[for="field-body"]');
  if (!textarea || !label) return;

  // The HTML travels in a hidden field; the editor is the one control labelled "Body".
  const hidden = document.createElement('input');
  hidden.type = 'hidden';
  hidden.name = 'body';
  hidden.value = textarea.value;
  label.id = 'field-body-label';
  label.removeAttribute('for');

  const toolbar = document.createElement('div');
  toolbar.className = 'story-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Formatting');
  const mount = document.createElement('div');
  mount.className = 'story-body-editor';

  const counter = document.getElementById('body-count');
  const showCount = (text: string) => {
    if (!counter) return;
    const { words, characters } = countText(text);
    counter.textContent = `${words} words · ${characters} characters`;
  };

  let onChange: () => void = () => {};
  const editor = new Editor({
    element: mount,
    content: textarea.value,
    // The newsroom's CSP allows no inline styles; editor.css carries what TipTap would inject.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      }),
      Image.configure({ inline: false }),
    ],
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'field-body-label',
        'aria-describedby': 'field-body-hint',
        class: 'story-body-content',
      },
    },
    onUpdate: ({ editor: current }) => {
      hidden.value = current.getHTML();
      showCount(current.getText());
      onChange();
    },
  });

  const chain = () => editor.chain().focus();
  toolbar.append(
    button('Paragraph', () => chain().setParagraph().run()),
    button('Heading', () => chain().toggleHeading({ level: 2 }).run()),
    button('Subheading', () => chain().toggleHeading({ level: 3 }).run()),
    button('Bold', () => chain().toggleBold().run()),
    button('Italic', () => chain().toggleItalic().run()),
    button('Link', () => {
      const previous = editor.getAttributes('link').href as string | undefined;
      const url = window.prompt('Link address (https://…); leave empty to remove the link', previous ?? 'https://');
      if (url === null) return;
      if (url.trim() === '' || url.trim() === 'https://') chain().extendMarkRange('link').unsetLink().run();
      else if (/^(https?:\/\/|mailto:)/i.test(url.trim())) chain().extendMarkRange('link').setLink({ href: url.trim() }).run();
      else window.alert('Links must start with https://, http:// or mailto:.');
    }),
    button('Bulleted list', () => chain().toggleBulletList().run()),
    button('Numbered list', () => chain().toggleOrderedList().run()),
    button('Quote', () => chain().toggleBlockquote().run()),
  );
  const picker = createImagePicker((image) => chain().setImage({ src: image.url, alt: image.alt }).run());
  toolbar.append(button('Image', () => picker.open()));

  textarea.replaceWith(hidden, toolbar, mount, picker.element);
  showCount(editor.getText());
  const refreshPreviews = startLiveAdvice(form, () => editor.getText());
  startTypeAhead(form, ['bylines', 'topics', 'tickers']);
  foldSettingsOnNarrowScreens(form);

  // Unsaved changes: every edit moves the version; a save clears the warning only if nothing was typed while it ran.
  let version = 0;
  let savedVersion = 0;
  let isLeavingBySubmit = false;
  const autosave = createAutosave(form, () => version, {
    onSaved: (startedAt) => {
      savedVersion = Math.max(savedVersion, startedAt);
    },
    onConflict: (message, revisionsPath) => showConflict(form, message, revisionsPath),
  });
  const changed = () => {
    version += 1;
    autosave?.schedule();
  };
  onChange = () => {
    refreshPreviews();
    changed();
  };
  form.addEventListener('input', (event) => {
    if ((event.target as HTMLElement).closest('.story-body-editor, .story-image-picker')) return;
    changed();
  });
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).matches('select')) changed();
  });
  window.addEventListener('beforeunload', (event) => {
    if (isLeavingBySubmit || version === savedVersion) return;
    event.preventDefault();
    // Older browsers show the prompt only when a value is set.
    event.returnValue = '';
  });

  // Ctrl/Cmd+S: a draft saves in place; a new story saves as a draft (the form posts); a live story's edits go out with "Update".
  document.addEventListener('keydown', (event) => {
    if (event.key.toLowerCase() !== 's' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    event.preventDefault();
    hidden.value = editor.getHTML();
    if (autosave) return void autosave.saveNow();
    const saveButton = form.querySelector<HTMLButtonElement>('button[name="action"][value="save"]');
    if (saveButton) return form.requestSubmit(saveButton);
    const status = document.getElementById('autosave-status');
    if (status) status.textContent = 'This story is live: press “Update” to publish your changes.';
  });

  // The form posts the latest HTML even if an update event was missed.
  form.addEventListener('submit', () => {
    hidden.value = editor.getHTML();
    isLeavingBySubmit = true;
    autosave?.cancel();
  });
}

/** The settings panel starts folded on a phone, so the story comes first. */
function foldSettingsOnNarrowScreens(form: HTMLFormElement): void {
  const details = form.querySelector<HTMLDetailsElement>('.ed-panel-details');
  if (details && window.matchMedia('(max-width: 60rem)').matches && !details.querySelector('[aria-invalid="true"]')) details.open = false;
}

/** Says who saved meanwhile, above the form; the person's text stays in the form. */
function showConflict(form: HTMLFormElement, message: string, revisionsPath: string | undefined): void {
  let box = document.getElementById('save-conflict');
  if (!box) {
    box = document.createElement('div');
    box.id = 'save-conflict';
    box.className = 'nr-error-summary ed-conflict';
    box.setAttribute('role', 'alert');
    form.before(box);
  }
  const heading = Object.assign(document.createElement('h2'), { textContent: 'Someone else saved this story' });
  const text = Object.assign(document.createElement('p'), { textContent: message });
  const parts: HTMLElement[] = [heading, text];
  if (revisionsPath) {
    const link = Object.assign(document.createElement('a'), { href: revisionsPath, textContent: 'See the revisions and what changed', target: '_blank' });
    const line = document.createElement('p');
    line.append(link, ' (opens in a new tab, so your text stays here)');
    parts.push(line);
  }
  box.replaceChildren(...parts);
}

const form = document.querySelector<HTMLFormElement>('form.story-editor');
if (form) start(form);
