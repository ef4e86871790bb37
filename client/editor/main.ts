/**
 * The story editor island: turns the editor form's Body text box into a TipTap rich-text editor
 * (headings, paragraphs, bold, italic, links, lists, block quotes, images from the media library),
 * keeps a live word and character count, and autosaves drafts. Without it the form still works:
 * the body is an HTML text box that the server sanitizes. No embeds are offered: reader pages
 * allow no frames (CSP default-src 'none'), and the body sanitizer drops iframes.
 */
import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';
import { createAutosave } from './autosave.js';
import { createImagePicker } from './image-picker.js';
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

  const autosave = createAutosave(form);
  if (autosave) {
    onChange = autosave.schedule;
    form.addEventListener('input', (event) => {
      if ((event.target as HTMLElement).closest('.story-body-editor, .story-image-picker')) return;
      autosave.schedule();
    });
  }
  // The form posts the latest HTML even if an update event was missed.
  form.addEventListener('submit', () => {
    hidden.value = editor.getHTML();
    autosave?.cancel();
  });
}

const form = document.querySelector<HTMLFormElement>('form.story-editor');
if (form) start(form);
