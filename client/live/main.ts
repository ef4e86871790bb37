// The live coverage island (≤ 2 KB): on a live story's page, listens to the story's update stream
// (Server-Sent Events, resumed by the browser from the last event id) and puts each new or edited
// update in the list without a reload, drops deleted ones, and says politely how many arrived (not
// their text). When coverage ends the badge says so and the stream closes. Without it, the page is
// simply fresh on reload.

const section = document.querySelector<HTMLElement>('[data-live]');
if (section) {
  const list = section.querySelector('[data-live-list]')!;
  const status = section.querySelector('[data-live-status]')!;
  const badge = section.querySelector('[data-live-badge]')!;
  let arrived = 0;
  const events = new EventSource(`${section.dataset.live}?after=${section.dataset.seq}`);
  // Marks the section while connected (tests wait for it; a style may show it).
  events.onopen = () => section.setAttribute('data-connected', '');
  events.addEventListener('update', (event) => {
    const update = JSON.parse((event as MessageEvent<string>).data) as { id: number; deleted: boolean; html: string };
    const old = document.getElementById(`update-${update.id}`);
    if (update.deleted) return old?.remove();
    const entry = document.createRange().createContextualFragment(update.html).firstElementChild!;
    if (old) return old.replaceWith(entry);
    list.prepend(entry);
    arrived += 1;
    status.textContent = `${arrived} new ${arrived === 1 ? 'update' : 'updates'}`;
  });
  events.addEventListener('ended', () => {
    events.close();
    badge.textContent = 'Coverage ended';
    badge.classList.add('ended');
  });
}
